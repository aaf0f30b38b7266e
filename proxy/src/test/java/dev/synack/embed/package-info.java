/** synack started from code: proxies and faults added in code, with the admin API's semantics. */
package dev.synack.embed;
