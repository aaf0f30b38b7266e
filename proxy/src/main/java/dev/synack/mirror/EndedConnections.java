package dev.synack.mirror;

import java.util.function.Predicate;

/**
 * The ended connections the engine tracks, in the order they ended and by id, at most {@code max} of them:
 * the oldest goes when one more ends. Two arrays, a ring in end order and an open-addressing table by id,
 * not a map and a queue: those cost three objects per connection (a map node, a boxed id, a queue node), as
 * many as the record itself, and every one of them outlives young collections like the record.
 *
 * <p>Connections end on every event loop, the poller walks them, queries look them up: each method takes
 * this object's lock, briefly (a walk works on a {@link #snapshot}).
 */
final class EndedConnections {
    private final int max;
    /** Ring of records in end order: {@code size} of them from {@code head}. */
    private EndedConnection[] order = new EndedConnection[16];
    private int head;
    private int size;
    /** Open addressing (linear probing) by id, at most half full. */
    private EndedConnection[] byId = new EndedConnection[32];
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
            forgetOldest();
        }
        if (size == order.length) {
            order = inOrder(order.length * 2);
            head = 0;
        }
        order[(head + size) % order.length] = e;
        size++;
        if (2 * (size + 1) > byId.length) {
            rehash(byId.length * 2);
        }
        insert(byId, e);
    }

    synchronized EndedConnection get(long id) {
        int mask = byId.length - 1;
        for (int i = slot(id, mask); byId[i] != null; i = (i + 1) & mask) {
            if (byId[i].id == id) {
                return byId[i];
            }
        }
        return null;
    }

    /** The tracked records, oldest first: a copy to walk without the lock. */
    synchronized EndedConnection[] snapshot() {
        return inOrder(size);
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
        for (int i = 0; i < size; i++) {
            EndedConnection e = order[(head + i) % order.length];
            if (expired.test(e)) {
                remove(e);
            } else {
                order[(head + kept) % order.length] = e;
                kept++;
            }
        }
        for (int i = kept; i < size; i++) {
            order[(head + i) % order.length] = null;
        }
        size = kept;
    }

    private void forgetOldest() {
        EndedConnection oldest = order[head];
        order[head] = null;
        head = (head + 1) % order.length;
        size--;
        remove(oldest);
        evicted++;
    }

    private EndedConnection[] inOrder(int length) {
        EndedConnection[] copy = new EndedConnection[length];
        int first = Math.min(size, order.length - head);
        System.arraycopy(order, head, copy, 0, first);
        System.arraycopy(order, 0, copy, first, size - first);
        return copy;
    }

    private void rehash(int length) {
        EndedConnection[] bigger = new EndedConnection[length];
        for (EndedConnection e : byId) {
            if (e != null) {
                insert(bigger, e);
            }
        }
        byId = bigger;
    }

    /** Puts {@code e} in {@code table} in place of a record with its id, if any (ids are unique: never in practice). */
    private static void insert(EndedConnection[] table, EndedConnection e) {
        int mask = table.length - 1;
        int i = slot(e.id, mask);
        while (table[i] != null && table[i].id != e.id) {
            i = (i + 1) & mask;
        }
        table[i] = e;
    }

    /** Takes {@code e} out of the table, moving back the records after it that it displaced (no tombstones). */
    private void remove(EndedConnection e) {
        int mask = byId.length - 1;
        int i = slot(e.id, mask);
        while (byId[i] != e) {
            if (byId[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        byId[i] = null;
        for (int j = (i + 1) & mask; byId[j] != null; j = (j + 1) & mask) {
            int home = slot(byId[j].id, mask);
            // byId[j] may fill the hole at i if i lies between its home slot and j, cyclically
            if (((j - home) & mask) >= ((j - i) & mask)) {
                byId[i] = byId[j];
                byId[j] = null;
                i = j;
            }
        }
    }

    private static int slot(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & mask;
    }

    @Override
    public synchronized String toString() {
        return "EndedConnections[" + size + " of at most " + max + ", " + evicted + " evicted]";
    }
}
