/**
 * Toxiproxy's API over synack's live model: {@link dev.synack.admin.backend.RegistryBackend} implements
 * {@link dev.synack.admin.model.ToxiproxyBackend} over the {@link dev.synack.proxy.ProxyRegistry} and the
 * fault registry, so proxies and faults from config, from the API and from code are the same objects. The
 * rest translates between the two worlds: addresses as Toxiproxy reads and compares them, attributes
 * decoded with Go's type errors, the spellings a client sent and expects back, registry refusals as rows of
 * the API's error table. Imports no Netty and no HTTP.
 */
package dev.synack.admin.backend;
