package dev.synack.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Structural mutations of a request body for {@link AdminFuzzTest}: keys dropped, renamed and added, values
 * retyped (a string for a number, an array, an object, null, a token that is no JSON), set to the edges of
 * their ranges and past them, stretched to very long and odd unicode strings, nested deep (as deep as the
 * parser's and Go's limits and past them), swapped, multiplied, and grafted from another body. Each edit is
 * named in {@code log}, so that a failure says what the input is.
 */
final class JsonBodyMutator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int[] DEPTHS = {2, 5, 20, 999, 1000, 1001, 10_000, 10_001, 100_000};

    private JsonBodyMutator() {}

    /** {@code root} edited 1 to 4 times (a copy; the argument is left as it was); {@code graft} is another seed's tree. */
    static JsonNode mutate(JsonNode root, JsonNode graft, SplittableRandom r, List<String> log) {
        JsonNode holder = NODES.arrayNode().add(root.deepCopy());
        for (int n = 1 + r.nextInt(4); n > 0; n--) {
            List<Slot> slots = new ArrayList<>();
            collect(holder, slots);
            if (slots.isEmpty()) {
                break;
            }
            Slot s = slots.get(r.nextInt(slots.size()));
            mutateOnce(s, slots, graft, r, log);
        }
        // The root itself may have been dropped: an empty body.
        return holder.size() > 0 ? holder.get(0) : FuzzValues.raw("");
    }

    private static void mutateOnce(Slot s, List<Slot> slots, JsonNode graft, SplittableRandom r, List<String> log) {
        switch (r.nextInt(14)) {
            case 0 -> {
                log.add("drop " + s);
                s.remove();
            }
            case 1 -> {
                String key = r.nextInt(30) == 0 ? "k".repeat(40_000 + r.nextInt(20_000))
                        : r.nextBoolean() ? FuzzValues.pick(FuzzValues.KEYS, r) : typo(s.key == null ? "" : s.key, r);
                log.add("rename " + s + " to " + brief(key) + " (" + key.length() + ")");
                s.rename(key);
            }
            case 2, 3 -> {
                JsonNode v = FuzzValues.any(r, 2);
                log.add("set " + s + " to " + brief(v));
                s.set(v);
            }
            case 4 -> {
                String key = FuzzValues.pick(FuzzValues.KEYS, r);
                log.add("add " + key + " next to " + s);
                s.addSibling(key, FuzzValues.any(r, 1));
            }
            case 5 -> {
                // Numbers go where numbers are read, most of the time: that is where their edges matter.
                List<Slot> numeric = slots.stream().filter(x -> x.get() != null && x.get().isNumber()).toList();
                Slot at = numeric.isEmpty() || r.nextInt(4) == 0 ? s : numeric.get(r.nextInt(numeric.size()));
                String n = FuzzValues.pick(FuzzValues.NUMBERS, r);
                String v = r.nextInt(3) == 0 ? n.startsWith("-") ? n.substring(1) : "-" + n : n;
                log.add("set " + at + " to number " + brief(v));
                at.set(FuzzValues.raw(v));
            }
            case 6 -> {
                int depth = DEPTHS[r.nextInt(DEPTHS.length)];
                log.add("nest " + s + " " + depth + " deep");
                s.set(nested(s.get(), depth, r));
            }
            case 7 -> {
                // Now and then about the body limit (1 MiB): a little under, or over.
                int length = r.nextInt(16) == 0 ? (1 << 20) - 3000 + r.nextInt(6000) : 1 + r.nextInt(r.nextInt(3) == 0 ? 30_000 : 100);
                log.add("set " + s + " to a string of " + length);
                String unit = r.nextBoolean() ? "x" : FuzzValues.oddText(r, 4);
                s.set(NODES.textNode(unit.repeat(length / unit.length() + 1).substring(0, length)));
            }
            case 8 -> {
                log.add("set " + s + " to odd text");
                s.set(NODES.textNode(FuzzValues.oddText(r, 1 + r.nextInt(40))));
            }
            case 9 -> {
                Slot other = slots.get(r.nextInt(slots.size()));
                log.add("swap " + s + " with " + other);
                s.swapWith(other);
            }
            case 10 -> {
                int copies = r.nextInt(8) == 0 ? 10 + r.nextInt(30) : 1 + r.nextInt(3);
                log.add("multiply " + s + " by " + copies);
                s.multiply(copies);
            }
            case 11 -> {
                log.add("graft the other seed at " + s);
                s.set(graft.deepCopy());
            }
            case 12 -> {
                String v = FuzzValues.pick(r.nextBoolean() ? FuzzValues.ADDRESSES : FuzzValues.NAMES, r);
                log.add("set " + s + " to " + brief(v));
                s.set(NODES.textNode(v));
            }
            default -> {
                String v = FuzzValues.pick(FuzzValues.WORDS, r);
                log.add("set " + s + " to " + brief(v));
                s.set(NODES.textNode(v));
            }
        }
    }

    /** {@code inner} inside {@code depth} arrays or objects, written as text so that no recursion is needed. */
    private static JsonNode nested(JsonNode inner, int depth, SplittableRandom r) {
        String innerText = inner == null ? "1" : JsonEmitter.write(inner, r, false);
        boolean arrays = r.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return FuzzValues.raw(open.repeat(depth) + innerText + close.repeat(depth));
    }

    static String typo(String word, SplittableRandom r) {
        if (word.isEmpty()) {
            return String.valueOf((char) ('a' + r.nextInt(26)));
        }
        StringBuilder sb = new StringBuilder(word);
        int at = r.nextInt(word.length());
        switch (r.nextInt(3)) {
            case 0 -> sb.deleteCharAt(at);
            case 1 -> sb.insert(at, (char) ('a' + r.nextInt(26)));
            default -> sb.setCharAt(at, Character.toUpperCase(sb.charAt(at)));
        }
        return sb.toString();
    }

    /** At most 40 characters of {@code v}, control characters escaped, for a line of the log. */
    static String brief(Object v) {
        String s = String.valueOf(v);
        s = s.length() > 40 ? s.substring(0, 37) + "..." : s;
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return sb.toString();
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                out.add(new Slot(o, key, -1));
                collect(o.get(key), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, null, i));
                collect(a.get(i), out);
            }
        }
    }

    /** A place in the tree: a key of an object or an index of an array. */
    private record Slot(JsonNode parent, String key, int index) {
        JsonNode get() {
            return key != null ? parent.get(key) : parent.get(index);
        }

        void set(JsonNode v) {
            if (key != null) {
                ((ObjectNode) parent).set(key, v);
            } else if (index < parent.size()) {
                ((ArrayNode) parent).set(index, v);
            }
        }

        void remove() {
            if (key != null) {
                ((ObjectNode) parent).remove(key);
            } else if (index < parent.size()) {
                ((ArrayNode) parent).remove(index);
            }
        }

        void rename(String newKey) {
            if (key != null && !((ObjectNode) parent).has(newKey) && parent.has(key)) {
                ((ObjectNode) parent).set(newKey, ((ObjectNode) parent).remove(key));
            }
        }

        void addSibling(String newKey, JsonNode v) {
            if (parent instanceof ObjectNode o) {
                o.set(newKey, v);
            } else {
                ((ArrayNode) parent).add(v);
            }
        }

        void swapWith(Slot other) {
            JsonNode mine = get();
            JsonNode theirs = other.get();
            if (mine != null && theirs != null) {
                set(theirs.deepCopy());
                other.set(mine.deepCopy());
            }
        }

        void multiply(int copies) {
            JsonNode v = get();
            if (v == null) {
                return;
            }
            if (parent instanceof ArrayNode a) {
                for (int i = 0; i < copies; i++) {
                    a.add(v.deepCopy());
                }
            } else {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0; i <= copies; i++) {
                    a.add(v.deepCopy());
                }
                set(a);
            }
        }

        @Override
        public String toString() {
            return key != null ? "." + brief(key) : "[" + index + "]";
        }
    }
}
