package dev.synack.admin.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bodies the admin API's fuzzer found answered with a 500 or with the parser's own words: each is a
 * {@code bad request body} worded as Go's decoder words it, or in plain words where Go has no such limit.
 */
class RequestDecoderTest {
    private static String badBody(String body) {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> RequestDecoder.toxicCreate(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as(body).isNotNull();
        assertThat(e.error()).isEqualTo(ApiError.BAD_REQUEST_BODY);
        return e.getMessage().substring("bad request body: ".length());
    }

    @Test
    void aToxicityPastAFloat64IsABadBodyNotAFailure() {
        assertThat(badBody("{\"type\":\"latency\",\"toxicity\":1e400}"))
                .isEqualTo("json: cannot unmarshal number +Inf into Go struct field ToxicWrapper.toxicity of type float32");
        assertThat(badBody("{\"type\":\"latency\",\"toxicity\":-1e400}"))
                .isEqualTo("json: cannot unmarshal number -Inf into Go struct field ToxicWrapper.toxicity of type float32");
    }

    @Test
    void theParsersLimitsInPlainWords() {
        assertThat(badBody("[".repeat(1001) + "]".repeat(1001))).isEqualTo("invalid character '[' exceeded max depth");
        assertThat(badBody("{\"a\":".repeat(1000) + "{}" + "}".repeat(1000))).isEqualTo("invalid character '{' exceeded max depth");
        assertThat(badBody("{\"a\":\"[[\",\"b\":" + "[".repeat(999) + "{}" + "]".repeat(999) + "}"))
                .as("brackets in strings do not count").isEqualTo("invalid character '{' exceeded max depth");
        assertThat(badBody("{\"toxicity\":" + "9".repeat(1200) + "}")).isEqualTo("a number of 1200 characters (at most 1000)");
        assertThat(badBody("{\"" + "k".repeat(60_000) + "\":1}")).isEqualTo("a key of 60000 characters (at most 50000)");
    }

    @Test
    void syntaxErrorsInGosWords() {
        assertThat(badBody("{\"type\":\"latency\"]")).isEqualTo("invalid character ']' after object key:value pair");
        assertThat(badBody("{]")).isEqualTo("invalid character ']' looking for beginning of object key string");
        assertThat(badBody("[1}")).isEqualTo("invalid character '}' after array element");
        assertThat(badBody("[}")).isEqualTo("invalid character '}' looking for beginning of value");
        assertThat(badBody("]")).isEqualTo("invalid character ']' looking for beginning of value");
        assertThat(badBody("NaN")).isEqualTo("invalid character 'N' looking for beginning of value");
        assertThat(badBody("{\"toxicity\":-Infinity}")).isEqualTo("invalid character 'I' in numeric literal");
        assertThat(badBody("{\"toxicity\":+1}")).isEqualTo("invalid character '+' looking for beginning of value");
        assertThat(badBody("{\"toxicity\":1.}")).isEqualTo("invalid character '}' after decimal point in numeric literal");
        assertThat(badBody("{\"toxicity\":1e}")).isEqualTo("invalid character '}' in exponent of numeric literal");
        assertThat(badBody("{\"toxicity\":01}")).isEqualTo("invalid character '1' after object key:value pair");
        assertThat(badBody("[01]")).isEqualTo("invalid character '1' after array element");
        assertThat(badBody("{\"type\":\"a\u0001\"}")).isEqualTo("invalid character '\\x01' in string literal");
        assertThat(badBody("{\"type\":\"\\q\"}")).isEqualTo("invalid character 'q' in string escape code");
        assertThat(badBody("{\"type\":\"\\u12\"}")).isEqualTo("invalid character '\"' in \\u hexadecimal character escape");
        assertThat(badBody("\u0000")).isEqualTo("invalid character '\\x00' looking for beginning of value");
    }
}
