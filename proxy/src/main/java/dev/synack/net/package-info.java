/**
 * The kernel side of synack: transport selection (epoll, io_uring, NIO) and event loops, the one
 * socket-option table with how each option is applied and read back, raw fd socket operations,
 * tcp_info, and the sysctl reader behind {@code doctor}.
 */
package dev.synack.net;
