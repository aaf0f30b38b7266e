package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Toxiproxy's shapes and semantics answered by the real backend, byte for byte where Toxiproxy's tests pin
 * them: a proxy created disabled keeps its listen text, a toxic echoes its stream as spelled and lists every
 * attribute, attribute types are worded as Go words them, {@code /populate} keeps an equal proxy with its
 * toxics and replaces one that differs.
 */
class AdminLiveShapesTest {
    private LiveAdmin live;

    @BeforeEach
    void start() throws Exception {
        live = LiveAdmin.start();
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private String body(String method, String path, String body, int status) throws Exception {
        RawHttp.Response r = live.call(method, path, body);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.body();
    }

    @Test
    void proxiesAndToxicsInToxiproxysBytes() throws Exception {
        assertThat(body("POST", "/proxies", "{\"name\":\"db\",\"listen\":\"localhost:3310\",\"upstream\":\"localhost:5432\",\"enabled\":false}", 201))
                .isEqualTo("{\"name\":\"db\",\"listen\":\"localhost:3310\",\"upstream\":\"localhost:5432\",\"enabled\":false,\"Logger\":{},\"toxics\":[]}");
        assertThat(body("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"stream\":\"UpStream\",\"attributes\":{\"LATENCY\":5}}", 200))
                .isEqualTo("{\"attributes\":{\"latency\":5,\"jitter\":0},\"name\":\"latency_UpStream\",\"type\":\"latency\","
                        + "\"stream\":\"UpStream\",\"toxicity\":1}");
        assertThat(body("POST", "/proxies/db/toxics", "{\"type\":\"slicer\",\"toxicity\":0.2,\"attributes\":{\"delay\":3,\"extra\":1}}", 200))
                .isEqualTo("{\"attributes\":{\"average_size\":0,\"size_variation\":0,\"delay\":3},\"name\":\"slicer_downstream\","
                        + "\"type\":\"slicer\",\"stream\":\"downstream\",\"toxicity\":0.2}");
        assertThat(body("PATCH", "/proxies/db/toxics/latency_UpStream", "{\"attributes\":{\"jitter\":2}}", 200))
                .startsWith("{\"attributes\":{\"latency\":5,\"jitter\":2}");
        assertThat(body("POST", "/proxies/db/toxics", "{\"type\":\"hold_fin\"}", 200)).as("synack's own fault types too")
                .isEqualTo("{\"attributes\":{\"delay\":1000},\"name\":\"hold_fin_downstream\",\"type\":\"hold_fin\",\"stream\":\"downstream\",\"toxicity\":1}");
        assertThat(body("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":\"5\"}}", 400))
                .isEqualTo("{\"error\":\"bad request body: json: cannot unmarshal string into Go struct field .attributes.latency of type int64\",\"status\":400}\n");
        assertThat(body("POST", "/proxies/db/toxics", "{\"type\":\"slicer\",\"name\":\"s2\",\"attributes\":{\"delay\":1.5}}", 400))
                .contains("cannot unmarshal number 1.5 into Go struct field .attributes.delay of type int");
        assertThat(body("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"name\":\"t\",\"toxicity\":1.5}", 400))
                .isEqualTo("{\"error\":\"invalid attribute: toxicity: 1.5 (expected: a number from 0 to 1, the share of connections it acts on)\",\"status\":400}\n");
        assertThat(body("POST", "/proxies/db/toxics", "{\"type\":\"lag\"}", 400)).isEqualTo("{\"error\":\"invalid toxic type\",\"status\":400}\n");
        assertThat(body("GET", "/proxies/db/toxics", null, 200)).as("upstream first")
                .startsWith("[{\"attributes\":{\"latency\":5,\"jitter\":2},\"name\":\"latency_UpStream\"");
        assertThat(body("POST", "/proxies", "{\"name\":\"x\",\"upstream\":\"localhost\"}", 400))
                .isEqualTo("{\"error\":\"invalid address: upstream \\\"localhost\\\" (expected: host:port of the service, with a port from 1 to 65535)\",\"status\":400}\n");
    }

    /** A number past a float64 (1e400, or an integer of 400 digits) reads as +Inf: Go's words, not a failure of the server. */
    @Test
    void attributesPastAFloat64AreABadBody() throws Exception {
        body("POST", "/proxies", "{\"name\":\"db\",\"listen\":\"localhost:3310\",\"upstream\":\"localhost:5432\",\"enabled\":false}", 201);
        String go = "{\"error\":\"bad request body: json: cannot unmarshal number %s into Go struct field .attributes.latency of type int64\",\"status\":400}\n";
        assertThat(body("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":1e400}}", 400)).isEqualTo(go.formatted("+Inf"));
        assertThat(body("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":-" + "9".repeat(400) + "}}", 400))
                .isEqualTo(go.formatted("-Inf"));
        body("POST", "/proxies/db/toxics", "{\"name\":\"lag\",\"type\":\"latency\"}", 200);
        assertThat(body("PATCH", "/proxies/db/toxics/lag", "{\"attributes\":{\"latency\":1e400}}", 400)).isEqualTo(go.formatted("+Inf"));
    }

    @Test
    void populateKeepsWhatIsEqualReplacesWhatDiffersAndStopsAtTheFirstFailure() throws Exception {
        String created = body("POST", "/populate", "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:1\"}]", 201);
        Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(created);
        assertThat(port.find()).isTrue();
        body("POST", "/proxies/a/toxics", "{\"type\":\"latency\"}", 200);
        String again = body("POST", "/populate", "[{\"name\":\"a\",\"listen\":\"localhost:" + port.group(1) + "\",\"upstream\":\"localhost:1\"}]", 201);
        assertThat(again).as("equal once resolved: kept with its toxic").contains("\"listen\":\"127.0.0.1:" + port.group(1) + "\"")
                .contains("latency_downstream");
        String replaced = body("POST", "/populate", "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:2\"}]", 201);
        assertThat(replaced).as("another upstream: a new proxy, without toxics").contains("\"upstream\":\"localhost:2\"").contains("\"toxics\":[]");

        String failed = body("POST", "/populate", "[{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:1\"},"
                + "{\"name\":\"c\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"nope\"},{\"name\":\"d\",\"upstream\":\"localhost:1\"}]", 400);
        assertThat(failed).startsWith("{\"error\":\"invalid address: upstream \\\"nope\\\"").contains("\"status\":400,\"proxies\":[{\"name\":\"b\"");
        assertThat(body("GET", "/proxies", null, 200)).contains("\"b\":").doesNotContain("\"c\":").doesNotContain("\"d\":");
    }
}
