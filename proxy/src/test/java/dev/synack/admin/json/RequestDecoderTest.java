package dev.synack.admin.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bodies the admin API's fuzzer found answered with a 500: each is a {@code bad request body} worded as
 * Go's decoder words it.
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
}
