package dev.synack.fault;

import java.util.List;

/** A fault definition that cannot run, with every problem found in it. */
public final class FaultException extends Exception {
    private final transient List<FaultProblem> problems;

    public FaultException(List<FaultProblem> problems) {
        super(String.join("; ", problems.stream().map(FaultProblem::toString).toList()), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<FaultProblem> problems() {
        return problems;
    }
}
