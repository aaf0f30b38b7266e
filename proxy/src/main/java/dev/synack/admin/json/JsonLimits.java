package dev.synack.admin.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words the JSON parser's limits in plain words, as {@link GoSyntax} words its syntax errors. The limits are
 * the parser's defaults, which bound the work a body can make (with the body itself at most 1 MiB): 1,000
 * levels of nesting (Go's decoder allows 10,000; past its own it says {@code invalid character '[' exceeded
 * max depth}, which synack says past 1,000), numbers of 1,000 characters (Go has no limit), keys of 50,000
 * characters.
 */
final class JsonLimits {
    /** The parser says {@code Document nesting depth (1001) exceeds the maximum allowed (1000, from ...)}. */
    private static final Pattern LIMIT = Pattern.compile("^(\\w+(?: \\w+)*) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    private JsonLimits() {}

    static String describe(String message, String text) {
        Matcher m = LIMIT.matcher(message);
        if (!m.find()) {
            return "the body is beyond what the server reads";
        }
        String what = m.group(1);
        int max = Integer.parseInt(m.group(3));
        if (what.contains("nesting depth")) {
            return "invalid character '" + opener(text, max) + "' exceeded max depth";
        }
        String found = m.group(2);
        if (what.startsWith("Number")) {
            return "a number of " + found + " characters (at most " + max + ")";
        }
        if (what.startsWith("Name")) {
            return "a key of " + found + " characters (at most " + max + ")";
        }
        if (what.startsWith("String")) {
            return "a string of " + found + " characters (at most " + max + ")";
        }
        return "the body is beyond what the server reads (" + what.toLowerCase(java.util.Locale.ROOT) + " " + found + ", at most " + max + ")";
    }

    /** The bracket that opens level {@code max + 1} of {@code text}, where Go would stop. */
    static char opener(String text, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > max) {
                    return c;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return '[';
    }
}
