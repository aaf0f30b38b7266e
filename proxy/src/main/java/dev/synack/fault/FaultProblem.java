package dev.synack.fault;

/**
 * One thing wrong with a fault definition: the field ({@code type}, {@code attributes.rate}), what was
 * found (as JSON, or {@code unknown key}) and what was expected. Config prefixes the field with the
 * fault's path; the admin API shows it in its error body.
 */
public record FaultProblem(String field, String found, String expected) {
    @Override
    public String toString() {
        return field + ": " + found + " (expected: " + expected + ")";
    }
}
