/**
 * The checks behind {@code synack doctor}: given a config, the chosen transport and the kernel's sysctls,
 * what will take effect, option by option, what will not, why, and the command that fixes it.
 *
 * <p>{@link dev.synack.doctor.Doctor} runs the general kernel facts and then every {@code Check} on each
 * side of each proxy; a {@link dev.synack.doctor.DoctorReport} holds the findings and renders them. The
 * public types keep the {@code Doctor} prefix because they are read outside this package (the CLI); the
 * package-private ones ({@code Side}, {@code Format}, {@code BufferCheck}, ...) do without it. Uses config
 * and net (the option table, transports, sysctls), never Netty directly.
 */
package dev.synack.doctor;
