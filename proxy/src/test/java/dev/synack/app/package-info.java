/**
 * Tests of the composition root: hot reload of the config file through the live registry (the plan of a
 * reload, and reloads of a running synack over real loopback sockets).
 */
package dev.synack.app;
