package dev.synack.admin.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words a JSON syntax error as Go's {@code encoding/json} does ({@code unexpected EOF},
 * {@code invalid character 'x' looking for beginning of value}), so that a bad body gets the message a
 * Toxiproxy user knows. Errors Go words differently and that are not listed here keep the parser's text.
 */
final class GoSyntax {
    private static final Pattern UNEXPECTED = Pattern.compile("^Unexpected character \\('(.)' \\(code \\d+\\)\\)");
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '(.)");
    /** The parser's explanation → Go's context words. */
    private static final List<String[]> CONTEXTS = List.of(
            new String[] {"double-quote to start field name", "looking for beginning of object key string"},
            new String[] {"colon to separate field name and value", "after object key"},
            new String[] {"comma to separate Object entries", "after object key:value pair"},
            new String[] {"comma to separate Array entries", "after array element"},
            new String[] {"expected a valid value", "looking for beginning of value"});

    private GoSyntax() {}

    static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonEOFException || message.contains("end-of-input")) {
            return "unexpected EOF";
        }
        Matcher m = UNRECOGNIZED.matcher(message);
        if (m.find()) {
            return "invalid character '" + m.group(1) + "' looking for beginning of value";
        }
        m = UNEXPECTED.matcher(message);
        if (m.find()) {
            for (String[] context : CONTEXTS) {
                if (message.contains(context[0])) {
                    return "invalid character '" + m.group(1) + "' " + context[1];
                }
            }
            return "invalid character '" + m.group(1) + "'";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
