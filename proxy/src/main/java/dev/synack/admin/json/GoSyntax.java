package dev.synack.admin.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words a JSON syntax error as Go's {@code encoding/json} does ({@code unexpected EOF},
 * {@code invalid character 'x' looking for beginning of value}), so that a bad body gets the message a
 * Toxiproxy user knows. The parser's limits, which Go does not have or has elsewhere, get words of the same
 * kind ({@link JsonLimits}); an error this class does not know keeps the first sentence of the parser's text,
 * without the parser's own vocabulary.
 */
final class GoSyntax {
    /** The parser names the character it stopped at by its code: {@code ('x' (code 120))}, {@code ((CTRL-CHAR, code 1))}. */
    private static final Pattern CODE = Pattern.compile("\\((?:CTRL-CHAR, )?code (\\d+)");
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '(.)");
    private static final Pattern NON_STANDARD = Pattern.compile("^Non-standard token '(.)");
    /** The parser's explanation → Go's context words, first match wins. */
    private static final List<String[]> CONTEXTS = List.of(
            new String[] {"double-quote to start field name", "looking for beginning of object key string"},
            new String[] {"colon to separate field name and value", "after object key"},
            new String[] {"comma to separate Object entries", "after object key:value pair"},
            new String[] {"comma to separate Array entries", "after array element"},
            new String[] {"expected a valid value", "looking for beginning of value"},
            new String[] {"Decimal point not followed by a digit", "after decimal point in numeric literal"},
            new String[] {"Exponent indicator not followed by a digit", "in exponent of numeric literal"},
            new String[] {"does not allow numbers to have plus signs", "looking for beginning of value"},
            new String[] {"in numeric value", "in numeric literal"},
            new String[] {"hex-digit for character escape", "in \\u hexadecimal character escape"},
            new String[] {"Unrecognized character escape", "in string escape code"},
            new String[] {"Illegal unquoted character", "in string literal"},
            new String[] {"Illegal character", "looking for beginning of value"});

    private GoSyntax() {}

    /** Go's words for the parser's error {@code e} about {@code text}. */
    static String describe(JsonProcessingException e, String text) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonEOFException || message.contains("end-of-input")) {
            return "unexpected EOF";
        }
        if (e instanceof StreamConstraintsException) {
            return JsonLimits.describe(message, text);
        }
        if (message.startsWith("Unexpected close marker '")) {
            return "invalid character " + quote(message.charAt(25)) + " " + closeContext(e);
        }
        if (message.startsWith("Invalid numeric value: Leading zeroes")) {
            // Go reads the 0 as a whole number and stops at the digit after it.
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            char digit = at >= 0 && at < text.length() ? text.charAt((int) at) : '0';
            return "invalid character " + quote(digit) + " " + afterValue(e);
        }
        Matcher m = UNRECOGNIZED.matcher(message);
        if (m.find()) {
            return "invalid character '" + m.group(1) + "' looking for beginning of value";
        }
        m = NON_STANDARD.matcher(message);
        if (m.find()) {
            // NaN, Infinity: Go stops at their first letter; -Infinity is a minus sign without digits.
            return m.group(1).equals("-") ? "invalid character 'I' in numeric literal"
                    : "invalid character '" + m.group(1) + "' looking for beginning of value";
        }
        m = CODE.matcher(message);
        if (m.find()) {
            String character = "invalid character " + quote(Integer.parseInt(m.group(1)));
            for (String[] context : CONTEXTS) {
                if (message.contains(context[0])) {
                    return character + " " + context[1];
                }
            }
            return character;
        }
        return firstSentence(message);
    }

    /** Where Go stands when it meets a closing bracket it does not expect: at the start of a container, or after a member. */
    private static String closeContext(JsonProcessingException e) {
        JsonStreamContext c = context(e);
        if (c == null || c.inRoot()) {
            return "looking for beginning of value";
        }
        if (c.inObject()) {
            return c.getEntryCount() == 0 ? "looking for beginning of object key string" : "after object key:value pair";
        }
        return c.getEntryCount() == 0 ? "looking for beginning of value" : "after array element";
    }

    private static String afterValue(JsonProcessingException e) {
        JsonStreamContext c = context(e);
        if (c == null || c.inRoot()) {
            return "after top-level value";
        }
        return c.inObject() ? "after object key:value pair" : "after array element";
    }

    private static JsonStreamContext context(JsonProcessingException e) {
        return e.getProcessor() instanceof JsonParser p ? p.getParsingContext() : null;
    }

    /** A character as Go quotes it in these errors: {@code 'x'}, {@code '\x01'}, {@code '\''}. */
    static String quote(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        return c < 0x20 || c == 0x7f ? String.format("'\\x%02x'", c) : "'" + new String(Character.toChars(c)) + "'";
    }

    /** The parser's text up to where it starts naming its own settings or the source. */
    private static String firstSentence(String message) {
        String s = message;
        for (String cut : new String[] {"\n", " (for ", " at [Source", ": enable `", "`"}) {
            int at = s.indexOf(cut);
            s = at < 0 ? s : s.substring(0, at);
        }
        return s.isBlank() ? "invalid JSON" : s;
    }
}
