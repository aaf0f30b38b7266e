/**
 * synack in-process, from code: {@link dev.synack.embed.SynackServer} starts one (no proxies and no admin
 * API unless asked) and {@link dev.synack.embed.SynackProxy} adds proxies and faults with the admin API's
 * semantics — the same backend, without HTTP. What JUnit 5 tests need on top is in {@code dev.synack.junit}.
 */
package dev.synack.embed;
