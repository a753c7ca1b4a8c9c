/*
 * echo_poll: the reference echo server of bench/run-load, in C with poll(2). The same single-threaded
 * loop as every other server there (servers/echo.php, servers/PhpSocketsEcho, servers/NetSocketsEcho):
 *
 *   loop: watch the listener and every client (for reading, or for writing while it is owed bytes)
 *         wait with no timeout
 *         owed clients that can write: write what they are owed
 *         listener readable: accept one connection, make it non-blocking
 *         client readable: raw:  read up to 64 KiB; end of stream or error: close; else write it back
 *                          line: one line, as PHP_NORMAL_READ gives it (peek, then take to "\n"/"\r")
 *         a write that takes only part: the rest is owed, the client is not read until it is paid
 *
 * usage: echo_poll [--port P] [--line]      (listens on 127.0.0.1)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHUNK 65536
#define LINE 2048

struct client {
    int fd;
    char *owed;
    size_t owed_len, owed_cap, owed_off;
};

static struct client *clients;
static size_t nclients, cap;
static struct pollfd *fds;
static unsigned char buf[CHUNK];
static int line_mode;

static void drop(size_t i)
{
    close(clients[i].fd);
    free(clients[i].owed);
    clients[i] = clients[--nclients];
}

/* Writes data (after anything owed); keeps what the socket would not take. 0, or -1 when the client must go. */
static int send_back(struct client *c, const unsigned char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(c->fd, data + done, len - done);
        if (n < 0) {
            if (errno == EAGAIN) break;
            return -1;
        }
        done += (size_t)n;
    }
    if (done < len) {
        size_t rest = len - done;
        if (c->owed_cap < rest) {
            c->owed = realloc(c->owed, rest);
            c->owed_cap = rest;
        }
        memcpy(c->owed, data + done, rest);
        c->owed_len = rest;
        c->owed_off = 0;
    }
    return 0;
}

static int flush(struct client *c)
{
    while (c->owed_off < c->owed_len) {
        ssize_t n = write(c->fd, c->owed + c->owed_off, c->owed_len - c->owed_off);
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        c->owed_off += (size_t)n;
    }
    c->owed_len = c->owed_off = 0;
    return 0;
}

/* PHP_NORMAL_READ on a stream socket: up to and including the first "\n" or "\r", nothing after it taken. */
static ssize_t read_line(int fd, unsigned char *line, size_t max)
{
    size_t total = 0;
    while (total < max) {
        ssize_t peeked = recv(fd, line + total, max - total, MSG_PEEK);
        if (peeked < 0) return errno == EAGAIN && total > 0 ? (ssize_t)total : -1;
        if (peeked == 0) return (ssize_t)total;
        size_t take = (size_t)peeked, end = 0;
        int found = 0;
        for (; end < (size_t)peeked; end++)
            if (line[total + end] == '\n' || line[total + end] == '\r') { found = 1; break; }
        if (found) take = end + 1;
        size_t got = 0;
        while (got < take) {
            ssize_t n = recv(fd, line + total + got, take - got, 0);
            if (n <= 0) return -1;
            got += (size_t)n;
        }
        total += take;
        if (found) break;
    }
    return (ssize_t)total;
}

int main(int argc, char **argv)
{
    int port = 10000;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--port") && i + 1 < argc) port = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--line")) line_mode = 1;
        else {
            fprintf(stderr, "usage: echo_poll [--port P] [--line]\n");
            return 1;
        }
    }
    signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(listener, SOMAXCONN) != 0) {
        perror("echo_poll: bind/listen");
        return 1;
    }
    fcntl(listener, F_SETFL, O_NONBLOCK);
    printf("Listening on 127.0.0.1:%d\n", port);
    fflush(stdout);

    for (;;) {
        if (!fds) {
            cap = 64;
            fds = malloc(cap * sizeof *fds);
            clients = malloc(cap * sizeof *clients);
        }
        fds[0] = (struct pollfd){ .fd = listener, .events = POLLIN };
        for (size_t i = 0; i < nclients; i++)
            fds[i + 1] = (struct pollfd){ .fd = clients[i].fd, .events = clients[i].owed_len ? POLLOUT : POLLIN };
        size_t watched = nclients;
        if (poll(fds, watched + 1, -1) < 0) {
            if (errno == EINTR) continue;
            perror("echo_poll: poll");
            return 1;
        }
        /* Walk back to front so that dropping (swap with the last) leaves the unvisited ones in place. */
        for (size_t i = watched; i-- > 0;) {
            short re = fds[i + 1].revents;
            if (!re) continue;
            struct client *c = &clients[i];
            if (c->owed_len) {
                if (flush(c) < 0) drop(i);
                continue;
            }
            ssize_t n = line_mode ? read_line(c->fd, buf, LINE) : read(c->fd, buf, CHUNK);
            if (n < 0 && errno == EAGAIN) continue;
            if (n <= 0 || send_back(c, buf, (size_t)n) < 0) drop(i);
        }
        if (fds[0].revents & POLLIN) {
            int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
            if (fd >= 0) {
                if (nclients + 2 > cap) {
                    cap = cap ? cap * 2 : 64;
                    fds = realloc(fds, cap * sizeof *fds);
                    clients = realloc(clients, cap * sizeof *clients);
                }
                clients[nclients++] = (struct client){ .fd = fd };
            }
        }
    }
}
