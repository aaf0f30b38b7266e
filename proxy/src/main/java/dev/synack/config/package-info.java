/**
 * The whole synack configuration as immutable records, the loader that reads it from YAML or JSON,
 * and the validator that reports every error with its path and what was expected. Imports no Netty.
 */
package dev.synack.config;
