using System;
using System.IO;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Cli;

/// <summary>
/// What the echo server does when accept fails for want of a descriptor (EMFILE, ENFILE). The
/// listener stays readable while connections wait in the backlog, so a loop that just tries again
/// spins at 100% CPU and the waiting clients hang. The known cure (libev's and nginx's, among
/// others) is a spare descriptor: close it, accept the waiting connection with the descriptor that
/// frees, tell the client in one line, close it and take the spare back. Each waiting client gets an
/// answer at once and the loop sleeps in select as usual. If the spare cannot be taken back (another
/// thread or process took the number), accepting pauses instead, for 100 ms doubling to 1 s, the
/// listener left out of the read set meanwhile, so the loop still never spins. One line on stderr
/// when an episode starts, one when it ends, never one per refused connection.
/// <para>
/// Near the limit a connection is also refused when taking it would leave fewer than
/// <see cref="Headroom"/> descriptors free: the runtime needs some to start a thread (a pipe), and
/// it starts one for every SIGINT and SIGTERM (PosixSignalRegistration's dispatch); with none free
/// that start fails and the process aborts with "Out of memory." instead of stopping cleanly.
/// </para>
/// </summary>
internal sealed class AcceptGuard(TextWriter log, long descriptorLimit)
{
    /// <summary>Descriptors kept free beside the spare: a thread start takes a pipe (two), and one more for what the runtime may open.</summary>
    public const int Headroom = 3;

    /// <summary>Accepted sockets further than this from the limit are not checked for headroom (the check costs 2 × <see cref="Headroom"/> system calls).</summary>
    private const int CheckedNearLimit = 64;

    private const int ENFILE = 23;
    private const int EMFILE = 24;
    private const long FirstPauseMilliseconds = 100;
    private const long LongestPauseMilliseconds = 1000;

    private static readonly PhpString s_busy = "Server busy: no connection can be taken now, try again later.\n";

    /// <summary>Accepted descriptors from this number on are checked for headroom: near the limit read at start, and all of them once accept has failed for want of descriptors (the limit may have been lowered since, with prlimit).</summary>
    private long _checkedFrom = descriptorLimit - CheckedNearLimit;

    private Socket? _spare = NewSpare();
    private long _episodeStart = -1;
    private long _refused;
    private long _pause = FirstPauseMilliseconds;
    private long _pausedUntil = -1;

    /// <summary>Whether accept fails for want of descriptors.</summary>
    public static bool IsExhaustion(int error) => error is EMFILE or ENFILE;

    /// <summary>Whether a pause is set (it may have run out by now: <see cref="MayAccept"/> tells).</summary>
    public bool Paused => _pausedUntil >= 0;

    /// <summary>False while accepting is paused: the listener stays out of the read set.</summary>
    public bool MayAccept(long now) => _pausedUntil < 0 || now >= _pausedUntil;

    /// <summary>Milliseconds until accepting may resume, or -1 when it is not paused.</summary>
    public long PauseRemaining(long now) => _pausedUntil < 0 ? -1 : Math.Max(0, _pausedUntil - now);

    /// <summary>accept failed with <paramref name="error"/> (EMFILE or ENFILE): refuse the waiting connection with the spare, or pause.</summary>
    public void Exhausted(Socket listener, int error, long now)
    {
        StartEpisode(error, now);
        _checkedFrom = 0;
        _spare ??= NewSpare();
        if (_spare is not null)
        {
            socket_close(_spare);
            _spare = null;
            if (socket_accept(listener) is { } refused) Refuse(refused);
            _spare = NewSpare();
        }
        if (_spare is null)
        {
            _pausedUntil = now + _pause;
            _pause = Math.Min(_pause * 2, LongestPauseMilliseconds);
        }
    }

    /// <summary>
    /// An accepted <paramref name="socket"/> near the descriptor limit: false when fewer than
    /// <see cref="Headroom"/> descriptors are left free beside it, and then it has been refused
    /// (the busy line, closed) as in an EMFILE episode.
    /// </summary>
    public bool KeepsHeadroom(Socket socket, long now)
    {
        if (socket.Descriptor < _checkedFrom) return true;
        var probes = new Socket?[Headroom];
        int error = 0;
        for (int i = 0; i < probes.Length && error == 0; i++)
        {
            probes[i] = NewSpare();
            if (probes[i] is null) error = socket_last_error();
        }
        foreach (Socket? probe in probes)
        {
            if (probe is not null) socket_close(probe);
        }
        if (error == 0) return true;
        StartEpisode(IsExhaustion(error) ? error : EMFILE, now);
        Refuse(socket);
        return false;
    }

    private void StartEpisode(int error, long now)
    {
        if (_episodeStart >= 0) return;
        _episodeStart = now;
        _refused = 0;
        log.WriteLine($"phpsock: descriptors exhausted ({socket_strerror(error)}): refusing new connections until some are free; connected clients are still served");
    }

    private void Refuse(Socket socket)
    {
        socket_write(socket, s_busy.Span);
        socket_close(socket);
        _refused++;
    }

    /// <summary>accept succeeded: ends an episode (one line on stderr) and takes the spare back if it was lost.</summary>
    public void Accepted(long now)
    {
        _pausedUntil = -1;
        _pause = FirstPauseMilliseconds;
        _spare ??= NewSpare();
        if (_episodeStart < 0) return;
        log.WriteLine($"phpsock: descriptors available again after {(now - _episodeStart) / 1000.0:0.###} s; {_refused} connection(s) refused meanwhile");
        _episodeStart = -1;
    }

    /// <summary>A UDP socket: the cheapest descriptor to hold and to give up.</summary>
    private static Socket? NewSpare() => socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);

    public void Close()
    {
        if (_spare is not null) socket_close(_spare);
        _spare = null;
    }
}
