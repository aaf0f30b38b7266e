package dev.synack.mirror.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of the model over seeded random runs; a failure names its seed, so it can be replayed.
 * Random event sequences stay in the state space and never strand a connection away from CLOSED; random
 * lives of a kernel socket, observed from user space with reports delayed, always leave the kernel's
 * true state among the possible states.
 */
class TcpStateMachinePropertyTest {
    private static final int RUNS = 2_000;
    private static final int STEPS = 40;
    private static final TcpEvent[] EVENTS = TcpEvent.values();

    @Test
    void randomEventsStayInTheStateSpaceAndEveryStateCanStillReachClosed() {
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            TcpStateMachine machine = TcpStateMachine.values()[random.nextInt(2)];
            TcpState state = machine.initialState();
            for (int step = 0; step < STEPS; step++) {
                TcpEvent event = EVENTS[random.nextInt(EVENTS.length)];
                Transition t = machine.next(state, event);
                assertThat(t.from()).isEqualTo(state);
                assertThat(t.event()).isEqualTo(event);
                state = t.target().orElse(state);
                assertThat(state).as("seed %d", seed).isNotNull().isIn((Object[]) TcpState.values());
                assertThat(canReachClosed(machine, state)).as("seed %d: %s can reach CLOSED", seed, state).isTrue();
            }
        }
    }

    @Test
    void whatTheKernelReachesOnItsOwnIsClosedUnderItsOwnSteps() {
        for (TcpStateMachine machine : TcpStateMachine.values()) {
            for (TcpState from : TcpState.values()) {
                Set<TcpState> reachable = machine.kernelReachable(from);
                assertThat(reachable).contains(from);
                for (TcpState via : reachable) {
                    assertThat(reachable).containsAll(machine.kernelReachable(via));
                    assertThat(machine.kernelPath(from, via).orElseThrow()).allMatch(t -> t.event().withoutUserSpace());
                }
            }
        }
    }

    @Test
    void theKernelsTrueStateIsAlwaysAmongThePossibleStates() {
        for (int seed = 0; seed < RUNS; seed++) {
            new Life(new Random(seed), seed).run();
        }
    }

    private static boolean canReachClosed(TcpStateMachine machine, TcpState from) {
        Set<TcpState> seen = EnumSet.of(from);
        Deque<TcpState> queue = new ArrayDeque<>(seen);
        while (!queue.isEmpty()) {
            TcpState state = queue.remove();
            if (state == TcpState.CLOSED) {
                return true;
            }
            for (TcpEvent event : EVENTS) {
                machine.next(state, event).target().filter(seen::add).ifPresent(queue::add);
            }
        }
        return false;
    }

    /**
     * One random life of a socket: the kernel takes segments and timers at random, synack makes its calls
     * (only those the kernel accepts), and the reports of kernel events reach synack in order but late,
     * or never once the descriptor is closed.
     */
    private static final class Life {
        private final Random random;
        private final int seed;
        private final TcpStateMachine machine;
        private final Deque<ObservedEvent> unread = new ArrayDeque<>();
        private TcpState kernel;
        private PossibleStates possible;
        private boolean fdOpen;
        private boolean connected;

        Life(Random random, int seed) {
            this.random = random;
            this.seed = seed;
            this.machine = TcpStateMachine.values()[random.nextInt(2)];
            this.kernel = machine.initialState();
            this.possible = PossibleStates.initial(machine);
            if (machine == TcpStateMachine.ACTIVE) {
                kernel = TcpState.SYN_SENT;
                possible = possible.after(ObservedEvent.CONNECT_STARTED);
                fdOpen = true;
            }
        }

        void run() {
            for (int step = 0; step < STEPS; step++) {
                int choice = random.nextInt(3);
                if (choice == 0 && !unread.isEmpty()) {
                    observe(unread.removeFirst());
                } else if (choice == 1 && fdOpen) {
                    userCall();
                } else {
                    kernelStep();
                }
                assertThat(possible.contains(kernel)).as("seed %d (%s): kernel %s, possible %s", seed, machine, kernel, possible).isTrue();
            }
        }

        private void observe(ObservedEvent event) {
            possible = possible.after(event);
            if (event == ObservedEvent.ACCEPTED || event == ObservedEvent.CONNECTED) {
                connected = true;
                fdOpen = true;
            }
        }

        private void userCall() {
            int choice = random.nextInt(3);
            if (choice == 0 && machine.next(kernel, TcpEvent.ABORT).allowed()) {
                kernel = machine.next(kernel, TcpEvent.ABORT).target().orElseThrow();
                closeFd(ObservedEvent.RST_SENT);
            } else if (choice == 1 && machine.next(kernel, TcpEvent.CLOSE).allowed()) {
                kernel = machine.next(kernel, TcpEvent.CLOSE).target().orElseThrow();
                if (connected) {
                    observe(ObservedEvent.FIN_SENT);
                } else {
                    closeFd(ObservedEvent.CONNECT_TIMED_OUT);
                }
            } else if (choice == 2 && connected) {
                closeFd(ObservedEvent.SOCKET_CLOSED);
            }
        }

        private void closeFd(ObservedEvent event) {
            observe(event);
            fdOpen = false;
            unread.clear();
        }

        private void kernelStep() {
            List<Transition.Allowed> steps = new ArrayList<>();
            for (TcpEvent event : EVENTS) {
                if (event.withoutUserSpace() && machine.next(kernel, event) instanceof Transition.Allowed step) {
                    steps.add(step);
                }
            }
            if (steps.isEmpty()) {
                return;
            }
            Transition.Allowed step = steps.get(random.nextInt(steps.size()));
            kernel = step.to();
            if (fdOpen || machine == TcpStateMachine.PASSIVE && !connected) {
                unread.addAll(reports(step));
            }
        }

        /** What user space will learn of a kernel step, in order. */
        private List<ObservedEvent> reports(Transition.Allowed step) {
            ObservedEvent opened = machine == TcpStateMachine.PASSIVE ? ObservedEvent.ACCEPTED : ObservedEvent.CONNECTED;
            return switch (step.event()) {
                case RCV_SYN_ACK, RCV_ACK_OF_SYN -> List.of(opened);
                case RCV_FIN -> step.from() == TcpState.SYN_RECEIVED ? List.of(opened, ObservedEvent.FIN_READ) : List.of(ObservedEvent.FIN_READ);
                case RCV_FIN_ACK_OF_FIN -> List.of(ObservedEvent.FIN_READ);
                case RCV_RST -> switch (step.from()) {
                    case LISTEN -> List.of();
                    case SYN_SENT -> List.of(ObservedEvent.REFUSED);
                    case SYN_RECEIVED -> machine == TcpStateMachine.PASSIVE ? List.of() : List.of(ObservedEvent.REFUSED);
                    default -> List.of(ObservedEvent.RST_READ);
                };
                case USER_TIMEOUT -> machine == TcpStateMachine.PASSIVE && !connected && step.from() == TcpState.SYN_RECEIVED
                        ? List.of() : List.of(ObservedEvent.TIMED_OUT);
                default -> List.of();
            };
        }
    }
}
