package dev.synack.mirror;

import java.util.function.Predicate;

/**
 * The ended connections the engine tracks, in the order they ended, at most {@code max} of them: the oldest
 * goes when one more ends. A ring of records and, beside it, a ring of their ids: not a map and a queue,
 * which cost three objects per connection (a map node, a boxed id, a queue node), and not a table by id,
 * whose probes and removals missed the cache on every connection's end. Only a query looks a record up by
 * id, and it scans the id ring from the newest (10,000 ids: 80 KB read in order, microseconds).
 *
 * <p>Connections end on every event loop, the poller walks them, queries look them up: each method takes
 * this object's lock, briefly (a walk works on a {@link #snapshot}).
 */
final class EndedConnections {
    private final int max;
    /** Ring of records in end order: {@code size} of them from {@code head}; {@code ids} holds their ids alike. */
    private EndedConnection[] order = new EndedConnection[16];
    private long[] ids = new long[16];
    private int head;
    private int size;
    private long evicted;

    EndedConnections(int max) {
        this.max = max;
    }

    /** Tracks {@code e}, forgetting the oldest beyond the cap. */
    synchronized void add(EndedConnection e) {
        if (max <= 0) {
            evicted++;
            return;
        }
        if (size == max) {
            order[head] = null;
            head = (head + 1) % order.length;
            size--;
            evicted++;
        }
        if (size == order.length) {
            grow();
        }
        int i = (head + size) % order.length;
        order[i] = e;
        ids[i] = e.id;
        size++;
    }

    /** The record of connection {@code id}, or null: the newest first, as queries most often ask for. */
    synchronized EndedConnection get(long id) {
        for (int k = size - 1; k >= 0; k--) {
            int i = (head + k) % order.length;
            if (ids[i] == id) {
                return order[i];
            }
        }
        return null;
    }

    /** The tracked records, oldest first: a copy to walk without the lock. */
    synchronized EndedConnection[] snapshot() {
        EndedConnection[] copy = new EndedConnection[size];
        int first = Math.min(size, order.length - head);
        System.arraycopy(order, head, copy, 0, first);
        System.arraycopy(order, 0, copy, first, size - first);
        return copy;
    }

    synchronized int size() {
        return size;
    }

    /** Records dropped because more than {@code max} were tracked. */
    synchronized long evicted() {
        return evicted;
    }

    /** Forgets the records {@code expired} accepts, keeping the others in their order. */
    synchronized void forget(Predicate<EndedConnection> expired) {
        int kept = 0;
        for (int k = 0; k < size; k++) {
            int from = (head + k) % order.length;
            EndedConnection e = order[from];
            if (!expired.test(e)) {
                int to = (head + kept) % order.length;
                order[to] = e;
                ids[to] = ids[from];
                kept++;
            }
        }
        for (int k = kept; k < size; k++) {
            order[(head + k) % order.length] = null;
        }
        size = kept;
    }

    /** Doubles the rings, the oldest record first. */
    private void grow() {
        int length = order.length * 2;
        EndedConnection[] records = new EndedConnection[length];
        long[] recordIds = new long[length];
        int first = Math.min(size, order.length - head);
        System.arraycopy(order, head, records, 0, first);
        System.arraycopy(order, 0, records, first, size - first);
        System.arraycopy(ids, head, recordIds, 0, first);
        System.arraycopy(ids, 0, recordIds, first, size - first);
        order = records;
        ids = recordIds;
        head = 0;
    }

    @Override
    public synchronized String toString() {
        return "EndedConnections[" + size + " of at most " + max + ", " + evicted + " evicted]";
    }
}
