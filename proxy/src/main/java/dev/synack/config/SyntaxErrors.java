package dev.synack.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a parser exception into one {@link ConfigError} at {@code source:line:column}, with the parser's
 * short problem text as {@code found}: without the excerpt of the source and the location it appends.
 */
final class SyntaxErrors {
    private SyntaxErrors() {}

    static ConfigError of(String source, JsonProcessingException e, boolean json) {
        String expected = json ? Expect.SYNTAX_JSON : Expect.SYNTAX_YAML;
        // SnakeYAML knows where the problem is; Jackson's location is sometimes where the enclosing node began.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return new ConfigError(source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1), yaml.getProblem().strip(), expected);
        }
        return new ConfigError(where(source, e.getLocation()), problem(e), expected);
    }

    private static String where(String source, JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    /** The first line of Jackson's message, cut before any "(for Array starting at [Source: ...])" aside. */
    private static String problem(JsonProcessingException e) {
        String text = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        text = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(text);
        int source = text.indexOf("[Source:");
        if (source >= 0) {
            int aside = text.lastIndexOf(" (", source);
            text = text.substring(0, aside >= 0 ? aside : source);
        }
        return text.strip();
    }
}
