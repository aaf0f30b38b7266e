/**
 * The model behind the admin API, free of HTTP and Netty: {@link dev.synack.admin.model.ToxiproxyBackend},
 * the interface the API drives (implemented over the proxy and fault registries), the records it takes and
 * returns (a proxy view, a toxic view, create and patch requests), and {@link dev.synack.admin.model.ApiError},
 * the one table of API errors with Toxiproxy's status codes and messages.
 */
package dev.synack.admin.model;
