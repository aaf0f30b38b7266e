package dev.synack.admin.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.admin.model.GoAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go's way of writing numbers, strings and addresses, which Toxiproxy's responses carry. */
class AdminJsonTest {
    @Test
    void float32AsGoWritesIt() {
        assertThat(GoNumbers.float32(1f)).isEqualTo("1");
        assertThat(GoNumbers.float32(0f)).isEqualTo("0");
        assertThat(GoNumbers.float32(0.1f)).isEqualTo("0.1");
        assertThat(GoNumbers.float32(0.2f)).isEqualTo("0.2");
        assertThat(GoNumbers.float32(-0.5f)).isEqualTo("-0.5");
        assertThat(GoNumbers.float32(1e-4f)).isEqualTo("0.0001");
        assertThat(GoNumbers.float32(1e-7f)).isEqualTo("1e-7");
        assertThat(GoNumbers.float32(123456789f)).isEqualTo("123456790");
        assertThat(GoNumbers.float32(Float.MAX_VALUE)).isEqualTo("3.4028235e+38");
    }

    @Test
    void float64AsGoWritesIt() {
        assertThat(GoNumbers.float64(100.0)).isEqualTo("100");
        assertThat(GoNumbers.float64(1.5)).isEqualTo("1.5");
        assertThat(GoNumbers.float64(0.1)).isEqualTo("0.1");
        assertThat(GoNumbers.float64(1e20)).isEqualTo("100000000000000000000");
        assertThat(GoNumbers.float64(1e21)).isEqualTo("1e+21");
        assertThat(GoNumbers.float64(1.25e-9)).isEqualTo("1.25e-9");
    }

    @Test
    void stringsAreEscapedAsGoEscapesThem() {
        StringBuilder sb = new StringBuilder();
        JsonText.string(sb, "a\"b\\c\n\r\t\u0001<>&\u2028\u2029é☕𝄞");
        assertThat(sb).hasToString("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u003c\\u003e\\u0026\\u2028\\u2029é☕𝄞\"");
    }

    @Test
    void valuesKeepTheirOrderAndKinds() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1L);
        m.put("a", 2.5);
        m.put("s", "x");
        m.put("b", true);
        m.put("l", List.of(1L, "y"));
        m.put("n", null);
        StringBuilder sb = new StringBuilder();
        JsonText.object(sb, m);
        assertThat(sb).hasToString("{\"z\":1,\"a\":2.5,\"s\":\"x\",\"b\":true,\"l\":[1,\"y\"],\"n\":null}");
    }

    @Test
    void proxyNamesSortAsGoSortsMapKeys() {
        List<String> names = new java.util.ArrayList<>(List.of("b", "a", "B", "\uFFFD", "𝄞", "é"));
        names.sort(ToxiproxyJson.GO_KEY_ORDER);
        assertThat(names).containsExactly("B", "a", "b", "é", "\uFFFD", "𝄞");
    }

    @Test
    void boundAddressesAsGoPrintsThem() throws Exception {
        assertThat(GoAddress.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 3310))).isEqualTo("127.0.0.1:3310");
        assertThat(GoAddress.format(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 6003))).isEqualTo("[::]:6003");
        assertThat(GoAddress.format(new InetSocketAddress(InetAddress.getByName("::"), 6003))).isEqualTo("[::]:6003");
        assertThat(GoAddress.format(new InetSocketAddress(InetAddress.getByName("::1"), 80))).isEqualTo("[::1]:80");
        assertThat(GoAddress.format(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 80)))
                .isEqualTo("[2001:db8::1:0:0:1]:80");
        assertThat(GoAddress.format(new InetSocketAddress(InetAddress.getByName("fe80:0:0:0:0:0:0:1"), 80))).isEqualTo("[fe80::1]:80");
        assertThat(GoAddress.format(new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:3:4:0:5"), 80)))
                .as("a single zero group is not compressed").isEqualTo("[2001:db8:1:2:3:4:0:5]:80");
    }
}
