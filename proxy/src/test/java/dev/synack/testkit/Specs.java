package dev.synack.testkit;

import dev.synack.config.SocketSpec;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;

/** Builds a {@link SocketSpec} with only the named fields set (record component names: {@code windowClamp}). */
public final class Specs {
    private Specs() {}

    public static SocketSpec of(Map<String, ?> fields) {
        RecordComponent[] rc = SocketSpec.class.getRecordComponents();
        Object[] args = new Object[rc.length];
        for (Map.Entry<String, ?> f : fields.entrySet()) {
            int i = Arrays.stream(rc).map(RecordComponent::getName).toList().indexOf(f.getKey());
            if (i < 0) {
                throw new IllegalArgumentException("no SocketSpec field " + f.getKey());
            }
            args[i] = f.getValue();
        }
        try {
            Class<?>[] types = Arrays.stream(rc).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return SocketSpec.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SocketSpec of(String field, Object value) {
        return value == null ? of(Map.of()) : of(Map.of(field, value));
    }
}
