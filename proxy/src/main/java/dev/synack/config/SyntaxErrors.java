package dev.synack.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns a parser exception into one {@link ConfigError} at {@code source:line:column}, with the parser's
 * short problem text as {@code found}: without the excerpt of the source and the location it appends, and
 * in plain words where the parser's own would name its Java classes.
 */
final class SyntaxErrors {
    /** Line breaks as YAML (and so SnakeYAML's line numbers) counts them. */
    static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\r\n\u0085\u2028\u2029]");

    private static final int MAX_PROBLEM = 200;
    // Jackson's YAMLParser names the SnakeYAML event it found where a key should be.
    private static final Pattern KEY_EVENT = Pattern.compile(
            "Expected a field name .*got this instead: <org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event\\((?:anchor=([^,)]*))?");
    // StreamReadConstraints name the getter of their limit: "(32, from `StreamReadConstraints.getMaxNestingDepth()`)".
    private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(", from `[^`]*`");
    private static final Pattern JAVA_CLASS = Pattern.compile("\\s*\\((?:[a-z]\\w*\\.)+[A-Z]\\w*\\)");

    private SyntaxErrors() {}

    /** The error of {@code e}; {@code fallback} is where the parser stood, for exceptions that carry no location. */
    static ConfigError of(String source, String text, JsonProcessingException e, boolean json, JsonLocation fallback) {
        String expected = json ? Expect.SYNTAX_JSON : Expect.SYNTAX_YAML;
        // SnakeYAML knows where the problem is; Jackson's location is sometimes where the enclosing node began.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return new ConfigError(source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1), shortened(yaml.getProblem()), expected);
        }
        if (e.getCause() instanceof ReaderException unprintable) {
            return new ConfigError(where(source, text, unprintable.getPosition()),
                    String.format("unprintable character U+%04X", unprintable.getCodePoint()), expected);
        }
        String where = where(source, e.getLocation() != null ? e.getLocation() : fallback);
        String problem = problem(e);
        if (e instanceof StreamConstraintsException && problem.startsWith("Document nesting depth")) {
            return new ConfigError(where, "nested deeper than " + TreeParser.MAX_DEPTH + " levels", Expect.SHALLOW);
        }
        Matcher key = KEY_EVENT.matcher(problem);
        if (key.find()) {
            return switch (key.group(1)) {
                case "Alias" -> new ConfigError(where, "alias *" + TreeParser.shortened(key.group(2)) + " as a key",
                        Expect.NO_YAML_REFERENCES);
                case "SequenceStart" -> new ConfigError(where, "a list as a key", Expect.PLAIN_KEY);
                case "MappingStart" -> new ConfigError(where, "a mapping as a key", Expect.PLAIN_KEY);
                default -> new ConfigError(where, "no key where a key should be", expected);
            };
        }
        if (problem.contains("base64")) {
            return new ConfigError(where, "not valid base64 after !!binary", expected);
        }
        return new ConfigError(where, shortened(problem), expected);
    }

    /** {@code source:line:column} of the code point at {@code index} of {@code text}, counted as SnakeYAML counts. */
    private static String where(String source, String text, int index) {
        int end = text.offsetByCodePoints(0, Math.max(0, Math.min(index, text.codePointCount(0, text.length()))));
        Matcher breaks = LINE_BREAK.matcher(text).region(0, end);
        int line = 1;
        int lineStart = 0;
        while (breaks.find()) {
            line++;
            lineStart = breaks.end();
        }
        return source + ":" + line + ":" + (text.codePointCount(lineStart, end) + 1);
    }

    private static String where(String source, JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    /**
     * The first line of Jackson's message, cut before any "(for Array starting at [Source: ...])" aside,
     * without the names of Java classes and constraint getters.
     */
    private static String problem(JsonProcessingException e) {
        String text = e.getOriginalMessage() == null ? "not valid" : e.getOriginalMessage();
        text = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(text);
        int source = text.indexOf("[Source:");
        if (source >= 0) {
            int aside = text.lastIndexOf(" (", source);
            text = text.substring(0, aside >= 0 ? aside : source);
        }
        text = CONSTRAINT_SOURCE.matcher(text).replaceAll("");
        return JAVA_CLASS.matcher(text).replaceAll("").strip();
    }

    /** A problem text cut to one reasonable line: a duplicate key can be as long as the file. */
    private static String shortened(String problem) {
        String text = problem.strip();
        return text.length() <= MAX_PROBLEM ? text : text.substring(0, MAX_PROBLEM - 3) + "...";
    }
}
