/**
 * Tests of the container image and its manifests ({@code docker/}): the Dockerfile, the entrypoint script,
 * the compose example and the Kubernetes manifests, checked as files and run as far as a machine without a
 * container engine allows.
 */
package dev.synack.docker;
