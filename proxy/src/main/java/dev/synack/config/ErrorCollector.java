package dev.synack.config;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * The errors of one config as the readers record them: the first {@value #KEPT} kept, the rest only counted.
 * A config of nothing but wrong entries has one error per few bytes: at 1 MiB, half a million, whose texts
 * took 500 MB and seconds to build and print, for lines nobody reads.
 */
final class ErrorCollector extends AbstractList<ConfigError> {
    static final int KEPT = 100;

    private final List<ConfigError> kept = new ArrayList<>();
    private int dropped;

    @Override
    public boolean add(ConfigError error) {
        if (kept.size() < KEPT) {
            kept.add(error);
        } else {
            dropped++;
        }
        return true;
    }

    @Override
    public ConfigError get(int index) {
        return kept.get(index);
    }

    @Override
    public int size() {
        return kept.size();
    }

    /** True if the next error will be kept, not only counted: callers may skip working out its text. */
    boolean keepsNext() {
        return kept.size() < KEPT;
    }

    /** Throws the errors recorded, if any. */
    void throwIfAny() throws ConfigException {
        if (!kept.isEmpty()) {
            throw new ConfigException(kept, dropped);
        }
    }
}
