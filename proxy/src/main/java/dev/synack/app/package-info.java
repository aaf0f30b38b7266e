/**
 * The composition root: from a validated config to a running set of proxies with their observers, and
 * the lifecycle around them (start, graceful drain, shutdown).
 */
package dev.synack.app;
