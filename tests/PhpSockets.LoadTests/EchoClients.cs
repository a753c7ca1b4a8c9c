using System;
using System.Collections.Generic;
using System.Diagnostics;
using Xunit;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.LoadTests;

/// <summary>
/// Many client connections to one echo server, driven by a single thread over socket_select, as a
/// PHP client would be: non-blocking sockets, a message per connection per round, every byte that
/// comes back compared with what was sent. The bytes of a message are a function of (connection,
/// round, position), so nothing is stored per connection but counters.
/// </summary>
internal sealed class EchoClients : IDisposable
{
    /// <summary>How long one round may take before the test fails instead of hanging (the machine may be busy).</summary>
    internal static readonly TimeSpan RoundLimit = TimeSpan.FromMinutes(5);

    private readonly List<Connection> _connections = [];
    private readonly Dictionary<Socket, Connection> _bySocket = new(ReferenceEqualityComparer.Instance);
    private readonly byte[] _scratch = new byte[64 * 1024];

    internal int Count => _connections.Count;

    /// <summary>Bytes sent and echoed back intact so far.</summary>
    internal long BytesEchoed { get; private set; }

    /// <summary>Messages echoed back intact so far.</summary>
    internal long MessagesEchoed { get; private set; }

    /// <summary>
    /// Opens <paramref name="count"/> connections to 127.0.0.1:<paramref name="port"/>, in batches:
    /// each batch is connected (blocking connect: loopback answers at once while the accept queue has
    /// room) and exchanges one small message before the next, so the server has accepted every
    /// connection of a batch and its accept queue never overflows. Returns false (with the reason)
    /// when the server stops answering, which is how PHP's select server fails.
    /// </summary>
    internal bool Open(int port, int count, int batch, out string? failure, Func<bool>? serverAlive = null)
    {
        failure = null;
        while (_connections.Count < count)
        {
            var fresh = new List<Connection>();
            int size = Math.Min(batch, count - _connections.Count);
            for (int i = 0; i < size; i++)
            {
                Socket? socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
                if (socket is null)
                {
                    failure = $"socket_create failed at connection {_connections.Count + 1}: {socket_strerror(socket_last_error())}";
                    return false;
                }
                if (!socket_connect(socket, "127.0.0.1", port))
                {
                    failure = $"socket_connect failed at connection {_connections.Count + 1}: {socket_strerror(socket_last_error(socket))}";
                    socket_close(socket);
                    return false;
                }
                Assert.True(socket_set_nonblock(socket));
                var connection = new Connection(socket, _connections.Count);
                _connections.Add(connection);
                _bySocket.Add(socket, connection);
                fresh.Add(connection);
            }
            if (!Exchange(fresh, round: -1, maxLength: 16, out failure, serverAlive)) return false;
        }
        return true;
    }

    /// <summary>One round: every connection sends one message (1 byte to <paramref name="maxLength"/>) and gets it all back.</summary>
    internal bool Round(int round, int maxLength, out string? failure) => Exchange(_connections, round, maxLength, out failure, null);

    private bool Exchange(List<Connection> connections, int round, int maxLength, out string? failure, Func<bool>? serverAlive)
    {
        failure = null;
        foreach (Connection c in connections) c.Start(round, maxLength);
        var writing = new List<Socket>();
        var reading = new List<Socket>();
        foreach (Connection c in connections)
        {
            if (!Write(c, out failure)) return false;
            if (c.Sent < c.Length) writing.Add(c.Socket);
            reading.Add(c.Socket);
        }
        var clock = Stopwatch.StartNew();
        while (reading.Count > 0)
        {
            if (clock.Elapsed > RoundLimit)
            {
                failure = $"round {round}: {reading.Count} connections still waiting for their echo after {RoundLimit}";
                return false;
            }
            List<Socket>? read = reading, write = writing.Count > 0 ? writing : null, except = null;
            int? ready = socket_select(ref read, ref write, ref except, 2);
            if (ready is null)
            {
                failure = $"socket_select failed: {socket_strerror(socket_last_error())}";
                return false;
            }
            if (ready == 0)
            {
                if (serverAlive is not null && !serverAlive())
                {
                    failure = $"the server is gone; {reading.Count} connections of round {round} without their echo";
                    return false;
                }
                continue;
            }
            if (write is { Count: > 0 })
            {
                foreach (Socket s in write)
                {
                    if (!Write(_bySocket[s], out failure)) return false;
                }
                writing.RemoveAll(s => _bySocket[s].Sent >= _bySocket[s].Length);
            }
            bool finished = false;
            foreach (Socket s in read!)
            {
                Connection c = _bySocket[s];
                if (!Read(c, out failure)) return false;
                finished |= c.Received >= c.Length;
            }
            if (finished) reading.RemoveAll(s => _bySocket[s].Received >= _bySocket[s].Length);
        }
        return true;
    }

    private bool Write(Connection c, out string? failure)
    {
        failure = null;
        while (c.Sent < c.Length)
        {
            int chunk = Math.Min(_scratch.Length, c.Length - c.Sent);
            for (int k = 0; k < chunk; k++) _scratch[k] = c.ByteAt(c.Sent + k);
            int? written = socket_write(c.Socket, _scratch.AsSpan(0, chunk));
            if (written is null)
            {
                int error = socket_last_error(c.Socket);
                if (error == SOCKET_EAGAIN) return true; // the rest when select says it is writable
                failure = $"connection {c.Id}: write failed: {socket_strerror(error)}";
                return false;
            }
            c.Sent += written.Value;
        }
        return true;
    }

    private bool Read(Connection c, out string? failure)
    {
        failure = null;
        int want = Math.Min(_scratch.Length, c.Length - c.Received);
        if (want == 0)
        {
            // More than was sent, or the end of stream: either is a failure here.
            want = 1;
        }
        int? count = socket_read(c.Socket, _scratch.AsSpan(0, want));
        if (count is null)
        {
            int error = socket_last_error(c.Socket);
            if (error == SOCKET_EAGAIN) return true;
            failure = $"connection {c.Id}: read failed: {socket_strerror(error)}";
            return false;
        }
        if (count == 0 || c.Received >= c.Length)
        {
            failure = count == 0 ? $"connection {c.Id}: the server closed it ({c.Received} of {c.Length} bytes back)" : $"connection {c.Id}: more bytes than were sent";
            return false;
        }
        for (int k = 0; k < count.Value; k++)
        {
            if (_scratch[k] != c.ByteAt(c.Received + k))
            {
                failure = $"connection {c.Id}, round {c.Round}: byte {c.Received + k} differs";
                return false;
            }
        }
        c.Received += count.Value;
        BytesEchoed += count.Value;
        if (c.Received == c.Length) MessagesEchoed++;
        return true;
    }

    /// <summary>Closes every connection.</summary>
    public void Dispose()
    {
        foreach (Connection c in _connections)
        {
            if (!c.Socket.IsClosed) socket_close(c.Socket);
        }
        _connections.Clear();
        _bySocket.Clear();
    }

    private sealed class Connection(Socket socket, int id)
    {
        internal Socket Socket { get; } = socket;
        internal int Id { get; } = id;
        internal int Round { get; private set; }
        internal int Length { get; private set; }
        internal int Sent { get; set; }
        internal int Received { get; set; }

        internal void Start(int round, int maxLength)
        {
            Round = round;
            // Mostly short messages, and now and then one several times the socket buffers, so that
            // partial writes and the server's back-pressure are part of the run.
            uint h = Mix((uint)Id * 2654435761u ^ (uint)(round + 1) * 40503u);
            Length = maxLength > 4096 && h % 509 == 0 ? maxLength : 1 + (int)(h % (uint)Math.Min(maxLength, 4096));
            Sent = 0;
            Received = 0;
        }

        internal byte ByteAt(int position) => (byte)Mix((uint)Id * 0x9E3779B1u ^ (uint)(Round + 7) * 0x85EBCA77u ^ (uint)position * 0xC2B2AE3Du);

        private static uint Mix(uint x)
        {
            x ^= x >> 16;
            x *= 0x7FEB352Du;
            x ^= x >> 15;
            x *= 0x846CA68Bu;
            x ^= x >> 16;
            return x;
        }
    }
}
