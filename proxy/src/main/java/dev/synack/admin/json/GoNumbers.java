package dev.synack.admin.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats numbers as Go's {@code encoding/json} does: the shortest decimal that reads back to the same
 * float32 or float64, plain ({@code 1}, {@code 0.5}, {@code 0.0001}) unless below 1e-6 or from 1e21 on,
 * where it is {@code 1e-7} or {@code 1e+21}.
 */
public final class GoNumbers {
    private static final double SMALL = 1e-6;
    private static final double LARGE = 1e21;

    private GoNumbers() {}

    /** A float32 value, as Toxiproxy prints {@code toxicity}. */
    public static String float32(float f) {
        check(f);
        if (f == 0) {
            return "0";
        }
        BigDecimal shortest = null;
        for (int digits = 1; digits <= 9 && shortest == null; digits++) {
            BigDecimal candidate = new BigDecimal(f).round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.floatValue() == f) {
                shortest = candidate;
            }
        }
        float abs = Math.abs(f);
        return format(shortest, abs < (float) SMALL || abs >= (float) LARGE);
    }

    /** A float64 value. */
    public static String float64(double d) {
        check(d);
        if (d == 0) {
            return "0";
        }
        BigDecimal shortest = null;
        for (int digits = 1; digits <= 17 && shortest == null; digits++) {
            BigDecimal candidate = new BigDecimal(d).round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                shortest = candidate;
            }
        }
        double abs = Math.abs(d);
        return format(shortest, abs < SMALL || abs >= LARGE);
    }

    /**
     * A number as an error names it: as {@link #float64}, and {@code +Inf} or {@code -Inf} (Go's words) for one
     * past the range of a float64, such as {@code 1e400}, which no JSON output may hold but a request may.
     */
    public static String inError(double d) {
        return Double.isInfinite(d) ? d > 0 ? "+Inf" : "-Inf" : float64(d);
    }

    private static void check(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("json: unsupported value: " + d);
        }
    }

    private static String format(BigDecimal value, boolean exponent) {
        BigDecimal v = value.stripTrailingZeros();
        if (!exponent) {
            return v.toPlainString();
        }
        String digits = v.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - v.scale();
        StringBuilder sb = new StringBuilder(v.signum() < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        // Go writes e-07 and then trims it to e-7; positive exponents keep two digits (e+21).
        sb.append('e').append(exp < 0 ? '-' : '+');
        int e = Math.abs(exp);
        sb.append(exp > 0 && e < 10 ? "0" + e : Integer.toString(e));
        return sb.toString();
    }
}
