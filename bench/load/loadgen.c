/*
 * loadgen: the echo load generator of bench/run-load.
 *
 * Why C: the generator must not be what limits the measurement. It shares the machine with the
 * server under test (one core each), so every cycle it spends is a cycle the comparison cannot see.
 * In C with epoll a round trip costs the generator one read(2), one write(2), a share of one
 * epoll_wait(2) and a memcmp; nothing else runs in the process: no runtime threads, no GC, no JIT,
 * no allocation after set-up. It reports its own CPU use beside the server's so a run that was
 * generator-bound says so.
 *
 * Modes (all over TCP to --host:--port, loopback only):
 *   pingpong  --conns N --size S   N connections, each with one message of S bytes in flight: send,
 *                                  wait for the whole echo, check every byte, send the next.
 *                                  --line makes each message a line: S-1 letters and "\n".
 *   churn     --conns K --size S   K connections at a time, each: connect, one message, its echo, close.
 *   bulk      --size CHUNK         one connection, writes of CHUNK bytes as fast as the echo comes
 *                                  back (at most --inflight bytes unanswered), every byte checked.
 *
 * By default it spins (epoll_wait with no timeout) rather than sleep, so a server never pays for
 * waking it; gen_util is then the share of the window it spent on work, not CPU time (--no-spin sleeps).
 *
 * Every run is bounded: --warmup seconds unmeasured, --duration seconds measured, --max-ops, and a
 * hard alarm. The measured window's server CPU is read from /proc/PID/stat (utime+stime) and from
 * /proc/PID/task/T/schedstat (nanoseconds, summed over threads) at its start and end.
 *
 * Output: one CSV line (header with --header):
 * mode,conns,size,ops,window_s,ops_per_s,mb_per_s,p50_us,p99_us,server_cpu_s,server_cpu_sched_s,
 * server_us_per_op,server_util,gen_util,verified_bytes,errors
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

#define PERIOD 65521u               /* the pattern repeats with this (prime) period */
#define PATTERN_LEN (PERIOD + (1u << 20))
#define MAX_EVENTS 256

enum mode { PINGPONG, CHURN, BULK };

static struct {
    enum mode mode;
    const char *host;
    int port;
    int conns;
    int size;
    int line;
    double warmup, duration;
    long long max_ops;
    int server_pid;
    long long inflight;
    int src_spread;
    int header;
    int spin;
} opt = { PINGPONG, "127.0.0.1", 10000, 1, 64, 0, 0.5, 2.0, 100000000LL, 0, 4 << 20, 8, 0, 1 };

static unsigned char *pattern;
static struct sockaddr_in server_addr;
static int ep;
static long long errors;
static long long verified_bytes;

static void die(const char *what)
{
    fprintf(stderr, "loadgen: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void fail(const char *what)
{
    fprintf(stderr, "loadgen: %s\n", what);
    exit(3);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---- latency histogram: log-linear, 128 sub-buckets per power of two (under 0.8% error) ---- */
#define SUB_BITS 7
#define SUB (1 << SUB_BITS)
#define BUCKETS (SUB + 45 * SUB)
static uint64_t hist[BUCKETS];
static uint64_t hist_count;

static void hist_add(uint64_t v)
{
    int idx;
    if (v < SUB) idx = (int)v;
    else {
        int e = 63 - __builtin_clzll(v);
        if (e > 50) e = 50;
        idx = SUB + (e - SUB_BITS) * SUB + (int)((v >> (e - SUB_BITS)) - SUB);
        if (idx >= BUCKETS) idx = BUCKETS - 1;
    }
    hist[idx]++;
    hist_count++;
}

static double hist_quantile(double q)
{
    if (hist_count == 0) return 0;
    uint64_t rank = (uint64_t)(q * (double)(hist_count - 1)) + 1, seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
        seen += hist[i];
        if (seen >= rank) {
            if (i < SUB) return i;
            int e = (i - SUB) / SUB + SUB_BITS, sub = (i - SUB) % SUB;
            double lo = (double)((uint64_t)(SUB + sub) << (e - SUB_BITS)), width = (double)(1ull << (e - SUB_BITS));
            return lo + width / 2;
        }
    }
    return 0;
}

/* ---- CPU accounting ---- */
struct cpu { double stat_s, sched_s; };

static struct cpu server_cpu(void)
{
    struct cpu c = { -1, -1 };
    if (opt.server_pid <= 0) return c;
    char path[64], buf[2048];
    snprintf(path, sizeof path, "/proc/%d/stat", opt.server_pid);
    FILE *f = fopen(path, "r");
    if (f) {
        if (fgets(buf, sizeof buf, f)) {
            char *p = strrchr(buf, ')');            /* the command name may hold spaces */
            unsigned long long ut = 0, st = 0;
            if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) == 2)
                c.stat_s = (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
        }
        fclose(f);
    }
    snprintf(path, sizeof path, "/proc/%d/task", opt.server_pid);
    DIR *d = opendir(path);
    if (d) {
        unsigned long long total = 0;
        struct dirent *de;
        while ((de = readdir(d))) {
            if (de->d_name[0] == '.') continue;
            char tpath[320];
            snprintf(tpath, sizeof tpath, "/proc/%d/task/%s/schedstat", opt.server_pid, de->d_name);
            FILE *t = fopen(tpath, "r");
            if (!t) continue;
            unsigned long long ns = 0;
            if (fscanf(t, "%llu", &ns) == 1) total += ns;
            fclose(t);
        }
        closedir(d);
        c.sched_s = (double)total / 1e9;
    }
    return c;
}

static double self_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* ---- measurement phases ---- */
enum phase { WARMUP, MEASURE, DRAIN };
static enum phase phase = WARMUP;
static uint64_t t_start, t_measure, t_end;
static long long ops, measure_ops, measure_bytes;
static struct cpu cpu0, cpu1;
static double gen0, gen1;
static uint64_t window_ns;
static uint64_t idle_ns, idle_mark;   /* spinning: time in epoll_wait calls that found nothing, in the window */

/* After each epoll_wait: counts the time since the last one as idle when it found nothing. */
static void account_idle(int events, uint64_t now)
{
    if (events == 0 && idle_mark && phase == MEASURE) idle_ns += now - idle_mark;
    idle_mark = now;
}

/* Moves through warm-up, measurement and drain by the clock (or --max-ops); true while new work may start. */
static int tick(uint64_t now)
{
    if (phase == WARMUP && now - t_start >= (uint64_t)(opt.warmup * 1e9)) {
        phase = MEASURE;
        t_measure = now;
        cpu0 = server_cpu();
        gen0 = self_cpu();
        measure_ops = 0;
        measure_bytes = 0;
        idle_ns = 0;
        memset(hist, 0, sizeof hist);
        hist_count = 0;
    }
    if (phase == MEASURE && (now - t_measure >= (uint64_t)(opt.duration * 1e9) || measure_ops >= opt.max_ops)) {
        phase = DRAIN;
        t_end = now;
        window_ns = t_end - t_measure;
        cpu1 = server_cpu();
        gen1 = self_cpu();
    }
    return phase != DRAIN;
}

static void count_op(uint64_t latency_ns, long long bytes)
{
    ops++;
    if (phase != MEASURE) return;
    measure_ops++;
    measure_bytes += bytes;
    if (latency_ns) hist_add(latency_ns);
}

static void nodelay(int fd)
{
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static void ep_ctl(int op, int fd, uint32_t events, void *ptr)
{
    struct epoll_event ev = { .events = events, .data.ptr = ptr };
    if (epoll_ctl(ep, op, fd, &ev) != 0) die("epoll_ctl");
}

/* Fills the message of a connection: a slice of the pattern chosen by connection and sequence. */
static void make_message(unsigned char *msg, int id, long long seq)
{
    uint32_t off = (uint32_t)(((uint64_t)id * 7919u + (uint64_t)seq * 104729u) % PERIOD);
    memcpy(msg, pattern + off, (size_t)opt.size);
    if (opt.line) msg[opt.size - 1] = '\n';
}

/* ---- pingpong ---- */
struct conn {
    int fd, id;
    long long seq;
    int wpos, got, busy, want_out;
    uint64_t sent_at;
    unsigned char *out, *in;
};

static void pp_write(struct conn *c)
{
    while (c->wpos < opt.size) {
        ssize_t n = write(c->fd, c->out + c->wpos, (size_t)(opt.size - c->wpos));
        if (n < 0) {
            if (errno == EAGAIN) break;
            die("write");
        }
        c->wpos += (int)n;
    }
    int want = c->wpos < opt.size;
    if (want != c->want_out) {
        ep_ctl(EPOLL_CTL_MOD, c->fd, EPOLLIN | (want ? EPOLLOUT : 0), c);
        c->want_out = want;
    }
}

static void pp_start(struct conn *c)
{
    make_message(c->out, c->id, c->seq);
    c->wpos = 0;
    c->got = 0;
    c->busy = 1;
    c->sent_at = now_ns();
    pp_write(c);
}

static int connect_blocking(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) die("socket");
    nodelay(fd);
    uint64_t until = now_ns() + 10000000000ull;
    while (connect(fd, (struct sockaddr *)&server_addr, sizeof server_addr) != 0) {
        if (errno != ECONNREFUSED || now_ns() > until) die("connect");
        close(fd);
        usleep(20000);
        fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) die("socket");
        nodelay(fd);
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

/* One epoll_wait (EINTR retried), then the clock work every loop shares: the run's tick, idle
 * accounting, and the 5 s grace for echoes still owed once the run has ended. */
static int wait_events(struct epoll_event *evs, uint64_t *drain_deadline, uint64_t *now_out, int *go_out) {
    int n;
    while ((n = epoll_wait(ep, evs, MAX_EVENTS, opt.spin ? 0 : 10)) < 0) {
        if (errno != EINTR) die("epoll_wait");
    }
    uint64_t now = now_ns();
    int go = tick(now);
    account_idle(n, now);
    if (!go) {
        if (!*drain_deadline) *drain_deadline = now + 5000000000ull;
        else if (now > *drain_deadline) fail("echoes still missing 5 s after the run");
    }
    *now_out = now;
    *go_out = go;
    return n;
}

static void run_pingpong(void)
{
    struct conn *conns = calloc((size_t)opt.conns, sizeof *conns);
    unsigned char *bufs = malloc((size_t)opt.conns * (size_t)opt.size * 2);
    if (!conns || !bufs) die("malloc");
    for (int i = 0; i < opt.conns; i++) {
        struct conn *c = &conns[i];
        c->id = i;
        c->out = bufs + (size_t)i * (size_t)opt.size * 2;
        c->in = c->out + opt.size;
        c->fd = connect_blocking();
        ep_ctl(EPOLL_CTL_ADD, c->fd, EPOLLIN, c);
    }
    t_start = now_ns();
    for (int i = 0; i < opt.conns; i++) pp_start(&conns[i]);
    int busy = opt.conns;
    struct epoll_event evs[MAX_EVENTS];
    uint64_t drain_deadline = 0;
    while (busy > 0) {
        uint64_t now;
        int go;
        int n = wait_events(evs, &drain_deadline, &now, &go);
        for (int k = 0; k < n; k++) {
            struct conn *c = evs[k].data.ptr;
            if (evs[k].events & EPOLLOUT) pp_write(c);
            if (!(evs[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP))) continue;
            ssize_t r = read(c->fd, c->in + c->got, (size_t)(opt.size - c->got));
            if (r < 0) {
                if (errno == EAGAIN) continue;
                die("read");
            }
            if (r == 0) fail("the server closed a connection");
            c->got += (int)r;
            if (c->got < opt.size) continue;
            if (memcmp(c->in, c->out, (size_t)opt.size) != 0) fail("echo differs from what was sent");
            verified_bytes += opt.size;
            c->seq++;
            count_op(now - c->sent_at, opt.size);
            if (go) pp_start(c);
            else {
                c->busy = 0;
                busy--;
            }
        }
    }
    for (int i = 0; i < opt.conns; i++) close(conns[i].fd);
}

/* ---- churn ---- */
struct slot {
    int fd, id, connecting, wpos, got;
    long long seq;
    uint64_t started;
    unsigned char *out, *in;
};

static int churn_src;

static void churn_open(struct slot *s)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) die("socket");
    nodelay(fd);
    if (opt.src_spread > 1) {
        /* Spread the source addresses over 127.0.0.1..N so TIME_WAIT ports do not run out. */
        int one = 1;
        setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        struct sockaddr_in src = { .sin_family = AF_INET, .sin_port = 0 };
        src.sin_addr.s_addr = htonl(0x7f000001u + (uint32_t)(churn_src++ % opt.src_spread));
        if (bind(fd, (struct sockaddr *)&src, sizeof src) != 0) die("bind source");
    }
    s->fd = fd;
    s->started = now_ns();
    s->wpos = s->got = 0;
    make_message(s->out, s->id, s->seq);
    if (connect(fd, (struct sockaddr *)&server_addr, sizeof server_addr) != 0 && errno != EINPROGRESS) die("connect");
    /* On loopback the handshake is usually done by now: try the write at once. */
    ssize_t n = write(fd, s->out, (size_t)opt.size);
    if (n == opt.size) {
        s->connecting = 0;
        ep_ctl(EPOLL_CTL_ADD, fd, EPOLLIN, s);
        return;
    }
    if (n >= 0) s->wpos = (int)n;
    else if (errno != EAGAIN) die("write");
    s->connecting = 1;
    ep_ctl(EPOLL_CTL_ADD, fd, EPOLLOUT, s);
}

static void run_churn(void)
{
    struct slot *slots = calloc((size_t)opt.conns, sizeof *slots);
    unsigned char *bufs = malloc((size_t)opt.conns * (size_t)opt.size * 2);
    if (!slots || !bufs) die("malloc");
    close(connect_blocking()); /* waits for the server to listen */
    t_start = now_ns();
    for (int i = 0; i < opt.conns; i++) {
        slots[i].id = i;
        slots[i].out = bufs + (size_t)i * (size_t)opt.size * 2;
        slots[i].in = slots[i].out + opt.size;
        churn_open(&slots[i]);
    }
    int open = opt.conns;
    struct epoll_event evs[MAX_EVENTS];
    uint64_t drain_deadline = 0;
    while (open > 0) {
        uint64_t now;
        int go;
        int n = wait_events(evs, &drain_deadline, &now, &go);
        for (int k = 0; k < n; k++) {
            struct slot *s = evs[k].data.ptr;
            if (s->connecting) {
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len);
                if (err) {
                    errno = err;
                    die("connect (churn)");
                }
                ssize_t w = write(s->fd, s->out + s->wpos, (size_t)(opt.size - s->wpos));
                if (w < 0) {
                    if (errno == EAGAIN) continue;
                    die("write");
                }
                s->wpos += (int)w;
                if (s->wpos < opt.size) continue;
                s->connecting = 0;
                ep_ctl(EPOLL_CTL_MOD, s->fd, EPOLLIN, s);
                continue;
            }
            ssize_t r = read(s->fd, s->in + s->got, (size_t)(opt.size - s->got));
            if (r < 0) {
                if (errno == EAGAIN) continue;
                die("read");
            }
            if (r == 0) fail("the server closed a connection before echoing");
            s->got += (int)r;
            if (s->got < opt.size) continue;
            if (memcmp(s->in, s->out, (size_t)opt.size) != 0) fail("echo differs from what was sent");
            verified_bytes += opt.size;
            close(s->fd);
            s->seq++;
            count_op(now - s->started, opt.size);
            if (go) churn_open(s);
            else open--;
        }
    }
}

/* ---- bulk ---- */
static void run_bulk(void)
{
    int fd = connect_blocking();
    size_t rcap = 1u << 20;
    unsigned char *rbuf = malloc(rcap);
    if (!rbuf) die("malloc");
    unsigned long long sent = 0, received = 0;
    int want_out = 1;
    ep_ctl(EPOLL_CTL_ADD, fd, EPOLLIN | EPOLLOUT, NULL);
    t_start = now_ns();
    uint64_t last_window_start = 0;
    unsigned long long recv_at_measure = 0;
    struct epoll_event evs[4];
    uint64_t drain_deadline = 0;
    int go = 1;
    while (go || received < sent) {
        int n = epoll_wait(ep, evs, 4, opt.spin ? 0 : 10);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        uint64_t now = now_ns();
        enum phase before = phase;
        go = tick(now);
        account_idle(n, now);
        if (before == WARMUP && phase == MEASURE) recv_at_measure = received, last_window_start = now;
        if (!go) {
            if (!drain_deadline) drain_deadline = now + 5000000000ull;
            else if (now > drain_deadline) fail("echoes still missing 5 s after the run");
        }
        for (int k = 0; k < n; k++) {
            if (evs[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
                for (;;) {
                    ssize_t r = read(fd, rbuf, rcap);
                    if (r < 0) {
                        if (errno == EAGAIN) break;
                        die("read");
                    }
                    if (r == 0) fail("the server closed the connection");
                    /* check against the pattern, in pieces that stay inside its buffer */
                    size_t done = 0;
                    while (done < (size_t)r) {
                        size_t off = (size_t)((received + done) % PERIOD);
                        size_t piece = (size_t)r - done;
                        if (piece > PATTERN_LEN - off) piece = PATTERN_LEN - off;
                        if (memcmp(rbuf + done, pattern + off, piece) != 0) fail("echo differs from what was sent");
                        done += piece;
                    }
                    received += (unsigned long long)r;
                    verified_bytes += r;
                    if (phase == MEASURE) measure_bytes = (long long)(received - recv_at_measure);
                    if ((size_t)r < rcap) break;
                }
            }
        }
        if (go) {
            while (sent - received < (unsigned long long)opt.inflight) {
                size_t off = (size_t)(sent % PERIOD);
                size_t len = (size_t)opt.size;
                ssize_t w = write(fd, pattern + off, len);
                if (w < 0) {
                    if (errno == EAGAIN) break;
                    die("write");
                }
                sent += (unsigned long long)w;
            }
        }
        int want = go && sent - received < (unsigned long long)opt.inflight;
        if (want != want_out) {
            ep_ctl(EPOLL_CTL_MOD, fd, EPOLLIN | (want ? EPOLLOUT : 0), NULL);
            want_out = want;
        }
    }
    (void)last_window_start;
    /* bulk counts megabytes; an "op" is one chunk's worth of echoed bytes */
    measure_ops = measure_bytes / opt.size;
    close(fd);
}

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "loadgen: hard time limit reached\n";
    if (write(2, msg, sizeof msg - 1)) {}
    _exit(4);
}

static void usage(void)
{
    fprintf(stderr, "usage: loadgen [--mode pingpong|churn|bulk] [--host 127.0.0.1] [--port P] [--conns N] [--size BYTES]\n"
                    "               [--line] [--warmup S] [--duration S] [--max-ops N] [--server-pid PID] [--inflight BYTES]\n"
                    "               [--src-spread N] [--header]\n");
    exit(1);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define VAL (v ? (i++, v) : (usage(), ""))
        if (!strcmp(a, "--mode")) {
            const char *m = VAL;
            opt.mode = !strcmp(m, "pingpong") ? PINGPONG : !strcmp(m, "churn") ? CHURN : !strcmp(m, "bulk") ? BULK : (usage(), PINGPONG);
        }
        else if (!strcmp(a, "--host")) opt.host = VAL;
        else if (!strcmp(a, "--port")) opt.port = atoi(VAL);
        else if (!strcmp(a, "--conns")) opt.conns = atoi(VAL);
        else if (!strcmp(a, "--size")) opt.size = atoi(VAL);
        else if (!strcmp(a, "--line")) opt.line = 1;
        else if (!strcmp(a, "--warmup")) opt.warmup = atof(VAL);
        else if (!strcmp(a, "--duration")) opt.duration = atof(VAL);
        else if (!strcmp(a, "--max-ops")) opt.max_ops = atoll(VAL);
        else if (!strcmp(a, "--server-pid")) opt.server_pid = atoi(VAL);
        else if (!strcmp(a, "--inflight")) opt.inflight = atoll(VAL);
        else if (!strcmp(a, "--src-spread")) opt.src_spread = atoi(VAL);
        else if (!strcmp(a, "--header")) opt.header = 1;
        else if (!strcmp(a, "--no-spin")) opt.spin = 0;
        else usage();
    }
    if (opt.header) {
        puts("mode,conns,size,ops,window_s,ops_per_s,mb_per_s,p50_us,p99_us,server_cpu_s,server_cpu_sched_s,server_us_per_op,server_util,gen_util,verified_bytes,errors");
        return 0;
    }
    if (opt.conns < 1 || opt.size < 1 || opt.size > (1 << 20) || (opt.line && opt.size < 2) || opt.duration <= 0 || opt.duration > 600 || opt.warmup < 0 || opt.warmup > 60)
        usage();
    if (strncmp(opt.host, "127.", 4) != 0) fail("loopback only: --host must be in 127.0.0.0/8");
    signal(SIGPIPE, SIG_IGN);
    signal(SIGALRM, on_alarm);
    alarm((unsigned)(opt.warmup + opt.duration + 60));

    pattern = malloc(PATTERN_LEN);
    if (!pattern) die("malloc");
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < PATTERN_LEN; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        pattern[i] = opt.line ? (unsigned char)('!' + (x >> 32) % 94) : (unsigned char)(x >> 24);
    }
    /* the pattern repeats with PERIOD: byte i and byte i+PERIOD are the same */
    for (size_t i = PERIOD; i < PATTERN_LEN; i++) pattern[i] = pattern[i - PERIOD];

    server_addr.sin_family = AF_INET;
    server_addr.sin_port = htons((uint16_t)opt.port);
    if (inet_pton(AF_INET, opt.host, &server_addr.sin_addr) != 1) fail("bad --host");
    ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) die("epoll_create1");

    const char *mode = opt.mode == PINGPONG ? "pingpong" : opt.mode == CHURN ? "churn" : "bulk";
    if (opt.mode == PINGPONG) run_pingpong();
    else if (opt.mode == CHURN) run_churn();
    else run_bulk();
    if (phase != DRAIN) fail("the run ended before its measured window did");

    double window = (double)window_ns / 1e9;
    double srv = cpu1.stat_s >= 0 ? cpu1.stat_s - cpu0.stat_s : -1;
    double srv_sched = cpu1.sched_s >= 0 ? cpu1.sched_s - cpu0.sched_s : -1;
    double best = srv_sched >= 0 ? srv_sched : srv;
    printf("%s,%d,%d,%lld,%.6f,%.1f,%.3f,%.2f,%.2f,%.4f,%.6f,%.4f,%.4f,%.4f,%lld,%lld\n",
           mode, opt.conns, opt.size, measure_ops, window, measure_ops / window, measure_bytes / window / 1e6,
           opt.mode == BULK ? 0 : hist_quantile(0.50) / 1e3, opt.mode == BULK ? 0 : hist_quantile(0.99) / 1e3,
           srv, srv_sched, best >= 0 && measure_ops > 0 ? best / (double)measure_ops * 1e6 : -1,
           best >= 0 ? best / window : -1, ((gen1 - gen0) - (double)idle_ns / 1e9) / window, verified_bytes, errors);
    return 0;
}
