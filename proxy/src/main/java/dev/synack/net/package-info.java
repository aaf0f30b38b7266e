/**
 * The kernel side of synack: transport selection (epoll, io_uring, NIO) and event loops, how each entry
 * of the socket option table ({@link dev.synack.config.SocketOption}) is applied and read back on each
 * transport, raw fd socket operations, tcp_info, and the sysctl reader behind the doctor.
 */
package dev.synack.net;
