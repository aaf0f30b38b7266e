package dev.synack.config;

import static dev.synack.config.ConfigErrorMessagesTest.errors;
import static dev.synack.config.ConfigErrorMessagesTest.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code admin} block: listen (or off), token, insecure, and the rule that only loopback goes without a token. */
class AdminConfigTest {
    private static final String TOKEN = "s3cret-token-0123456789";

    private static AdminSpec admin(String block) throws ConfigException {
        return ConfigLoader.parse("admin: " + block + "\n" + proxy(""), "test.yaml").admin();
    }

    @Test
    void defaultsToLoopbackWithoutATokenAndTheTokenNeverPrints() throws ConfigException {
        assertThat(ConfigLoader.parse(proxy(""), "test.yaml").admin()).isEqualTo(AdminSpec.DEFAULT);
        assertThat(AdminSpec.DEFAULT.listen()).isEqualTo(new HostPort("127.0.0.1", 8474));
        assertThat(AdminSpec.DEFAULT.enabled()).isTrue();
        AdminSpec withToken = admin("{listen: 0.0.0.0:8474, token: " + TOKEN + "}");
        assertThat(withToken.token()).isEqualTo(TOKEN);
        assertThat(withToken.toString()).doesNotContain(TOKEN).contains("token=(set)");
    }

    @Test
    void offMeansNoApi() throws ConfigException {
        assertThat(admin("{listen: off}").enabled()).isFalse();
        assertThat(ConfigLoader.parse("{\"admin\": {\"listen\": \"off\"}, \"proxies\": [{\"name\": \"web\", "
                + "\"listen\": \"127.0.0.1:8474\", \"upstream\": \"127.0.0.1:1\"}]}", "c.json").admin().listen())
                .as("with the API off, a proxy may take its address").isNull();
    }

    @Test
    void everyLoopbackAddressNeedsNoToken() throws ConfigException {
        for (String listen : new String[] {"127.0.0.1:9000", "127.0.0.2:9000", "localhost:9000", "\"[::1]:9000\""}) {
            assertThat(admin("{listen: " + listen + "}").token()).isNull();
        }
    }

    @Test
    void anotherAddressNeedsATokenOrInsecure() throws ConfigException {
        String expected = " (expected: a loopback address like 127.0.0.1:8474; another address needs admin.token, "
                + "or admin.insecure: true on a trusted network)";
        assertThat(errors("admin: {listen: 0.0.0.0:8474}\n" + proxy(""))).containsExactly("admin.listen: \"0.0.0.0:8474\"" + expected);
        assertThat(errors("admin: {listen: \"[::]:8474\", insecure: false}\n" + proxy(""))).containsExactly("admin.listen: \"[::]:8474\"" + expected);
        assertThat(errors("admin: {listen: admin.internal:8474}\n" + proxy(""))).containsExactly("admin.listen: \"admin.internal:8474\"" + expected);
        AdminSpec insecure = admin("{listen: 0.0.0.0:8474, insecure: true}");
        assertThat(insecure.insecure()).isTrue();
        assertThat(insecure.token()).isNull();
    }

    @Test
    void badValuesAreErrorsAndATokenIsNotEchoed() {
        assertThat(errors("admin: {listen: true, token: short, insecure: maybe}\n" + proxy(""))).containsExactly(
                "admin.listen: true (expected: host:port, like 127.0.0.1:8474, or off)",
                "admin.token: (hidden, 5 characters) (expected: a token of 16 to 256 printable ASCII characters without spaces)",
                "admin.insecure: \"maybe\" (expected: true or false)");
        assertThat(errors("admin: {token: 12345, listen: 10.0.0.1:8474}\n" + proxy(""))).containsExactly(
                "admin.token: 12345 (expected: a token of 16 to 256 printable ASCII characters without spaces)");
        assertThat(errors("admin: {tokn: x}\n" + proxy(""))).containsExactly("admin.tokn: unknown key (expected: token)");
    }
}
