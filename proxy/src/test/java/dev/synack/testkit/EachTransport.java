package dev.synack.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test method once per available transport, and once more on epoll with splicing on
 * ({@link SpliceVariant}); the method takes a {@link dev.synack.net.Transport}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("dev.synack.testkit.Transports#cases")
@ExtendWith(SpliceVariant.class)
public @interface EachTransport {
}
