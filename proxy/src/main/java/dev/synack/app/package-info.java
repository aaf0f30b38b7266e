/**
 * The composition root: from a validated config to a running set of proxies with their observers (the
 * access log's appender included), the lifecycle around them (start, graceful drain, shutdown), and hot
 * reload of the config file through the live registry ({@link dev.synack.app.ConfigReloader}).
 */
package dev.synack.app;
