using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using Xunit;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.LoadTests;

/// <summary>
/// One client of <c>phpsock echo-server</c> in line mode (the seed's talk-back), on a blocking
/// PhpSockets socket whose every read and write gives up after <see cref="Timeout"/>: connect, read
/// a line, send, reset, half-close. What the server answers hostile clients with is spelled here.
/// </summary>
internal sealed class LineClient : IDisposable
{
    internal const string Welcome = "\nBienvenue sur le serveur de test PHP.\nPour quitter, tapez 'quit'. Pour arrêter le serveur, tapez 'shutdown'.\n";
    internal const string Full = "Server full: too many clients, try again later.\n";
    internal const string Busy = "Server busy: no connection can be taken now, try again later.\n";
    internal const string Idle = "Closing: idle for too long.\n";

    /// <summary>How long one read or write may block before the client gives up (the machine may be busy).</summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly List<byte> _pending = [];

    private LineClient(Socket socket) => Socket = socket;

    internal Socket Socket { get; }

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>; null (and why) when connect fails.</summary>
    internal static LineClient? TryConnect(int port, out string? failure)
    {
        failure = null;
        Socket? socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        if (socket is null)
        {
            failure = $"socket_create: {socket_strerror(socket_last_error())}";
            return null;
        }
        TimeValue timeout = TimeValue.From(Timeout);
        Assert.True(socket_set_option(socket, SOL_SOCKET, SO_RCVTIMEO, timeout));
        Assert.True(socket_set_option(socket, SOL_SOCKET, SO_SNDTIMEO, timeout));
        if (!socket_connect(socket, "127.0.0.1", port))
        {
            failure = $"socket_connect: {socket_strerror(socket_last_error(socket))}";
            socket_close(socket);
            return null;
        }
        return new LineClient(socket);
    }

    internal static LineClient Connect(int port)
    {
        LineClient? client = TryConnect(port, out string? failure);
        Assert.True(client is not null, failure);
        return client!;
    }

    /// <summary>Connects and reads the whole greeting.</summary>
    internal static LineClient Greeted(int port)
    {
        LineClient client = Connect(port);
        Assert.Equal("\n", client.ReadLine());
        client.ReadLine();
        client.ReadLine();
        return client;
    }

    internal void Send(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        int done = 0;
        while (done < bytes.Length)
        {
            int? written = socket_write(Socket, bytes.AsSpan(done));
            Assert.True(written is > 0, $"write failed: {socket_strerror(socket_last_error(Socket))}");
            done += written!.Value;
        }
    }

    /// <summary>The next line with its "\n"; what is left without one at the end of stream; null at the end of stream, on a reset or after <see cref="Timeout"/>.</summary>
    internal string? ReadLine()
    {
        while (true)
        {
            int newline = _pending.IndexOf((byte)'\n');
            if (newline >= 0) return Take(newline + 1);
            int? count = socket_read(Socket, _buffer.AsSpan());
            if (count is null or 0) return _pending.Count > 0 ? Take(_pending.Count) : null;
            for (int i = 0; i < count.Value; i++) _pending.Add(_buffer[i]);
        }
    }

    /// <summary>Everything until the end of stream (or a reset, or <see cref="Timeout"/> of silence).</summary>
    internal string ReadToEnd()
    {
        var text = new StringBuilder();
        while (ReadLine() is { } line) text.Append(line);
        return text.ToString();
    }

    private string Take(int count)
    {
        string line = Encoding.UTF8.GetString(_pending.GetRange(0, count).ToArray());
        _pending.RemoveRange(0, count);
        return line;
    }

    /// <summary>
    /// One line to the server and its answer (the talk-back, or with <paramref name="raw"/> the line
    /// itself, as PHP's select echo script and <c>--raw</c> give it); the time it took, or null
    /// when the answer did not come (the end of stream, or <see cref="Timeout"/> passed).
    /// </summary>
    internal TimeSpan? TryRoundTrip(string words, bool raw = false)
    {
        long start = Stopwatch.GetTimestamp();
        Send(words + "\n");
        string? answer = ReadLine();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        if (answer is null) return null;
        Assert.Equal(raw ? words + "\n" : $"PHP: Vous avez dit '{words}'.\n", answer);
        return elapsed;
    }

    /// <summary><see cref="TryRoundTrip"/> that must succeed.</summary>
    internal TimeSpan RoundTrip(string words, bool raw = false)
    {
        TimeSpan? elapsed = TryRoundTrip(words, raw);
        Assert.True(elapsed is not null, $"no answer to '{words}'");
        return elapsed!.Value;
    }

    /// <summary>Round trips of "probe N", one after the other: how long each took.</summary>
    internal Latencies Probe(int count, bool raw = false)
    {
        var latencies = new Latencies();
        for (int i = 0; i < count; i++) latencies.Add(RoundTrip($"probe {i}", raw));
        return latencies;
    }

    /// <summary>Reads and writes give up after <paramref name="timeout"/> from now on.</summary>
    internal void SetTimeout(TimeSpan timeout)
    {
        Assert.True(socket_set_option(Socket, SOL_SOCKET, SO_RCVTIMEO, TimeValue.From(timeout)));
        Assert.True(socket_set_option(Socket, SOL_SOCKET, SO_SNDTIMEO, TimeValue.From(timeout)));
    }

    /// <summary>
    /// A client that sends and never reads: the socket goes non-blocking and gets copies of
    /// <paramref name="line"/> until the kernel takes no more (both ends' buffers full) or
    /// <paramref name="most"/> bytes went; how many bytes the kernel took.
    /// </summary>
    internal long FloodWithoutReading(string line, long most)
    {
        Assert.True(socket_set_nonblock(Socket));
        byte[] chunk = Encoding.UTF8.GetBytes(string.Concat(System.Linq.Enumerable.Repeat(line, 64 * 1024 / line.Length)));
        long sent = 0;
        var clock = Stopwatch.StartNew();
        while (sent < most && clock.Elapsed < Timeout)
        {
            int? written = socket_write(Socket, chunk.AsSpan());
            if (written is null)
            {
                // Full: give the server a moment to move what it will take, then stop at the second EAGAIN in a row.
                System.Threading.Thread.Sleep(100);
                if (socket_write(Socket, chunk.AsSpan()) is not { } more) break;
                written = more;
            }
            sent += written.Value;
        }
        return sent;
    }

    /// <summary>Sends a reset instead of a FIN: SO_LINGER on, 0 seconds, then close.</summary>
    internal void Reset()
    {
        Assert.True(socket_set_option(Socket, SOL_SOCKET, SO_LINGER, new Linger(true, 0)));
        Dispose();
    }

    public void Dispose()
    {
        if (!Socket.IsClosed) socket_close(Socket);
    }

    /// <summary>
    /// Reads every client of <paramref name="clients"/> until its end of stream (or reset), all at
    /// once over socket_select, for at most <paramref name="limit"/>: what each received, and when
    /// (a <see cref="Stopwatch"/> timestamp) its stream ended; 0 for those still open at the limit.
    /// </summary>
    internal static (string[] Received, long[] EndedAt) ReadAllToEnd(IReadOnlyList<LineClient> clients, TimeSpan limit)
    {
        var received = new StringBuilder[clients.Count];
        var endedAt = new long[clients.Count];
        var index = new Dictionary<Socket, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < clients.Count; i++)
        {
            received[i] = new StringBuilder(Encoding.UTF8.GetString(clients[i]._pending.ToArray()));
            clients[i]._pending.Clear();
            index[clients[i].Socket] = i;
        }
        var open = new List<Socket>(index.Keys);
        byte[] buffer = new byte[4096];
        var clock = Stopwatch.StartNew();
        while (open.Count > 0 && clock.Elapsed < limit)
        {
            List<Socket>? read = [.. open], none = null;
            int? ready = socket_select(ref read, ref none, ref none, 1);
            Assert.True(ready is not null, $"socket_select failed: {socket_strerror(socket_last_error())}");
            foreach (Socket socket in read!)
            {
                int i = index[socket];
                int? count = socket_read(socket, buffer.AsSpan());
                if (count is > 0)
                {
                    received[i].Append(Encoding.UTF8.GetString(buffer, 0, count.Value));
                    continue;
                }
                endedAt[i] = Stopwatch.GetTimestamp();
                open.Remove(socket);
            }
        }
        return (Array.ConvertAll(received, b => b.ToString()), endedAt);
    }
}
