/*
 * floor-relay: the leanest TCP relay the bench knows how to write, as a measuring stick for what any
 * relay must spend on this machine (the kernel's part), beside which synack and the peers are read.
 * One thread, one epoll set, edge-triggered, no timers, no logs, no limits; any error closes both sides.
 *
 * Per connection it makes only the calls a relay cannot avoid: accept4, socket, one setsockopt
 * (TCP_NODELAY on the upstream socket; the accepted one inherits it from the listener), connect, one
 * EPOLL_CTL_ADD per socket (in and out armed once, never modified), the reads and sends (or splices),
 * a shutdown(SHUT_WR) for the first FIN passed on (the second goes with the close), and two closes.
 * Bytes read after the peer's FIN came are sent with MSG_MORE, so that they leave in the FIN's segment. A connect's failure is read from the event's
 * bits, not from SO_ERROR. A read shorter than the buffer is taken as "the socket is empty" (the next
 * edge says when more came), unless the event also said the peer's FIN came, which a further read takes;
 * splice reads to EAGAIN (a pipe's sixteen slots can fill with fewer bytes than were asked for).
 *
 * Each FIN is passed on after the bytes before it; the sockets close when both FINs have passed. An RST
 * or error on either side closes both, the other one with an RST (SO_LINGER 0).
 *
 * Usage: floor-relay [--splice] [--buffer BYTES] LISTEN_PORT:UPSTREAM_PORT...   (all on 127.0.0.1)
 *   --splice   relay with splice(2) through a pipe per direction (created at the direction's first
 *              bytes) instead of read(2) and write(2) through one buffer
 *   --buffer   bytes per read, or per splice into the pipe (default 131072: synack's read size)
 * Built by scripts/bench/run, conn-cpu, latency1 and syscalls (targets floor, floor-splice):
 *   gcc -O2 -o floor-relay scripts/bench/lib/floor-relay.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum { LISTENER, END };

struct conn;

/* What an epoll event points at: a listener, or one of a connection's two sockets. */
struct tag {
    int kind;
    int fd;
    int side;                   /* END: 0 the client's socket, 1 the upstream's */
    struct conn *conn;          /* END */
    struct sockaddr_in upstream; /* LISTENER */
};

/* One direction: bytes read from side `from` and not yet written to the other side. */
struct dir {
    char *held;                 /* copy: a partial write's rest */
    size_t held_off, held_len;
    int pipe[2];                /* splice: -1 until the first bytes */
    size_t in_pipe;
    int eof;                    /* the reading side's FIN was read */
    int shut;                   /* and passed on (shutdown SHUT_WR after every byte before it) */
};

struct conn {
    struct tag end[2];
    struct dir dir[2];          /* dir[k]: from end[k] to end[1 - k] */
    int connected;
    int readable[2], writable[2], rdhup[2];
    int closed;
    struct conn *next_free;
};

static int epfd;
static int use_splice;
static size_t bufsize = 131072;
static char *buf;
static struct conn *to_free;

static void die(const char *what) { perror(what); exit(1); }

static void finish(struct conn *c, int reset) {
    if (c->closed) return;
    c->closed = 1;
    for (int k = 0; k < 2; k++) {
        if (reset) {
            struct linger l = {1, 0};
            setsockopt(c->end[k].fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        }
        close(c->end[k].fd);
        free(c->dir[k].held);
        if (c->dir[k].pipe[0] >= 0) { close(c->dir[k].pipe[0]); close(c->dir[k].pipe[1]); }
    }
    /* Freed after the batch of events: one may still point at the other socket. */
    c->next_free = to_free;
    to_free = c;
}

/* Moves what it can from end[from] to end[1 - from]; returns 0, or -1 after closing the connection. */
static int pump(struct conn *c, int from) {
    int to = 1 - from, in = c->end[from].fd, out = c->end[to].fd;
    struct dir *d = &c->dir[from];
    for (;;) {
        if (d->held_len > 0 || d->in_pipe > 0) {
            if (!c->writable[to]) return 0;
            int more = c->rdhup[from] ? MSG_MORE : 0;
            ssize_t n = use_splice
                ? splice(d->pipe[0], NULL, out, NULL, d->in_pipe,
                         SPLICE_F_MOVE | SPLICE_F_NONBLOCK | (more ? SPLICE_F_MORE : 0))
                : send(out, d->held + d->held_off, d->held_len, more);
            if (n < 0) {
                if (errno == EAGAIN) { c->writable[to] = 0; return 0; }
                finish(c, 1); return -1;
            }
            if (use_splice) d->in_pipe -= n; else { d->held_off += n; d->held_len -= n; }
            if (d->held_len > 0 || d->in_pipe > 0) { c->writable[to] = 0; return 0; }
            continue;
        }
        if (d->eof) {
            if (!d->shut) {
                d->shut = 1;
                /* The other way's FIN has passed: close() sends this one, no shutdown needed. */
                if (c->dir[to].shut) { finish(c, 0); return -1; }
                shutdown(out, SHUT_WR);
            }
            return 0;
        }
        if (!c->readable[from]) return 0;
        ssize_t n;
        if (use_splice) {
            if (d->pipe[0] < 0 && pipe2(d->pipe, O_NONBLOCK) < 0) { finish(c, 1); return -1; }
            n = splice(in, NULL, d->pipe[1], NULL, bufsize, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
        } else {
            n = read(in, buf, bufsize);
        }
        if (n == 0) { d->eof = 1; continue; }
        if (n < 0) {
            if (errno == EAGAIN) { c->readable[from] = 0; return 0; }
            finish(c, 1); return -1;
        }
        if (use_splice) { d->in_pipe = n; continue; } /* a pipe's slots can fill before its bytes: read to EAGAIN */
        if ((size_t) n < bufsize && !c->rdhup[from]) c->readable[from] = 0;
        /* The peer's FIN is known to follow these bytes: MSG_MORE holds them for the FIN's segment. */
        ssize_t w = c->writable[to] ? send(out, buf, n, c->rdhup[from] ? MSG_MORE : 0) : 0;
        if (w < 0) {
            if (errno != EAGAIN) { finish(c, 1); return -1; }
            w = 0;
        }
        if (w < n) {
            c->writable[to] = 0;
            size_t rest = n - w;
            if (!(d->held = realloc(d->held, rest))) die("realloc");
            memcpy(d->held, buf + w, rest);
            d->held_off = 0;
            d->held_len = rest;
            return 0;
        }
    }
}

static void add(struct tag *t, unsigned events) {
    struct epoll_event ev = {.events = events, .data.ptr = t};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, t->fd, &ev) < 0) die("epoll_ctl");
}

static void accept_all(struct tag *l) {
    for (;;) {
        int cfd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK);
        if (cfd < 0) {
            if (errno == EAGAIN || errno == ECONNABORTED || errno == EINTR) return;
            if (errno == EMFILE || errno == ENFILE) return;
            die("accept4");
        }
        int ufd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (ufd < 0) { close(cfd); continue; }
        int one = 1;
        setsockopt(ufd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(ufd, (struct sockaddr *) &l->upstream, sizeof l->upstream) < 0 && errno != EINPROGRESS) {
            close(ufd); close(cfd); continue;
        }
        struct conn *c = calloc(1, sizeof *c);
        if (!c) die("calloc");
        for (int k = 0; k < 2; k++) {
            c->end[k].kind = END;
            c->end[k].side = k;
            c->end[k].conn = c;
            c->dir[k].pipe[0] = c->dir[k].pipe[1] = -1;
        }
        c->end[0].fd = cfd;
        c->end[1].fd = ufd;
        c->writable[0] = 1;
        unsigned events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
        add(&c->end[0], events);
        add(&c->end[1], events);
    }
}

static void on_event(struct tag *t, unsigned ev) {
    struct conn *c = t->conn;
    if (c->closed) return;
    int k = t->side;
    if (k == 1 && !c->connected) {
        if (ev & (EPOLLERR | EPOLLHUP)) { finish(c, 1); return; }
        if (!(ev & EPOLLOUT)) return;
        c->connected = 1;
    }
    if (ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) c->readable[k] = 1;
    if (ev & (EPOLLRDHUP | EPOLLHUP)) c->rdhup[k] = 1;
    if (ev & (EPOLLOUT | EPOLLERR | EPOLLHUP)) c->writable[k] = 1;
    if (!c->connected) return;
    if (pump(c, 0) == 0) pump(c, 1);
}

static void listen_on(int port, int upstream_port) {
    struct tag *l = calloc(1, sizeof *l);
    if (!l) die("calloc");
    l->kind = LISTENER;
    l->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (l->fd < 0) die("socket");
    int one = 1;
    setsockopt(l->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(l->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* copied into each accepted socket */
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (bind(l->fd, (struct sockaddr *) &a, sizeof a) < 0) die("bind");
    if (listen(l->fd, 4096) < 0) die("listen");
    l->upstream = a;
    l->upstream.sin_port = htons(upstream_port);
    add(l, EPOLLIN);
    printf("floor-relay listening on 127.0.0.1:%d -> 127.0.0.1:%d (%s)\n", port, upstream_port,
           use_splice ? "splice" : "copy");
}

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);
    if ((epfd = epoll_create1(0)) < 0) die("epoll_create1");
    int pairs = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--splice")) { use_splice = 1; continue; }
        if (!strcmp(argv[i], "--buffer") && i + 1 < argc) { bufsize = strtoul(argv[++i], NULL, 10); continue; }
        int lp, up;
        if (sscanf(argv[i], "%d:%d", &lp, &up) != 2 || bufsize == 0) {
            fprintf(stderr, "usage: floor-relay [--splice] [--buffer BYTES] LISTEN_PORT:UPSTREAM_PORT...\n");
            return 2;
        }
        listen_on(lp, up);
        pairs++;
    }
    if (!pairs) { fprintf(stderr, "usage: floor-relay [--splice] [--buffer BYTES] LISTEN_PORT:UPSTREAM_PORT...\n"); return 2; }
    if (!(buf = malloc(bufsize))) die("malloc");
    fflush(stdout);
    struct epoll_event evs[256];
    for (;;) {
        int n = epoll_wait(epfd, evs, 256, -1);
        if (n < 0) { if (errno == EINTR) continue; die("epoll_wait"); }
        for (int i = 0; i < n; i++) {
            struct tag *t = evs[i].data.ptr;
            if (t->kind == LISTENER) accept_all(t); else on_event(t, evs[i].events);
        }
        while (to_free) { struct conn *c = to_free; to_free = c->next_free; free(c); }
    }
}
