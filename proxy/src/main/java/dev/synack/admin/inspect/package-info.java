/**
 * The JSON of synack's own admin routes ({@code /synack/...}) that the mirror does not already render:
 * connections from the proxy registry when the mirror is off, a proxy's socket options (requested and
 * effective, with the kernel's notes), the effective config with its secrets redacted, and health. Built
 * with Jackson from the live model; imports no Netty and no HTTP.
 */
package dev.synack.admin.inspect;
