using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Cli;

/// <summary>
/// <c>phpsock echo-server</c>: the PHP manual's first example (a talk-back server that took one
/// client at a time) on one socket_select loop that serves any number of clients. Every socket is
/// non-blocking: a client is read only when select says so, what it is owed is queued and written
/// when it can take it, and it is not read again until that queue is empty (a client that sends
/// without reading slows itself down, never the server). A signal handler wakes the loop through
/// a socket pair that sits in the read set.
/// </summary>
internal sealed class EchoServerCommand
{
    /// <summary>The seed's read length: a line longer than this is answered in pieces, as PHP_NORMAL_READ with 2048 would.</summary>
    private const int LineLength = 2048;

    /// <summary>Raw mode reads up to 64 KiB at a time.</summary>
    private const int ChunkLength = 64 * 1024;

    private static readonly string[] s_valueOptions = ["address", "port", "max-clients", "idle-timeout"];
    private static readonly string[] s_flagOptions = ["raw", "allow-shutdown"];

    private static readonly PhpString s_full = "Server full: too many clients, try again later.\n";
    private static readonly PhpString s_idle = "Closing: idle for too long.\n";
    private static readonly PhpString s_shutdownRefused =
        "Shutdown refused: this server listens beyond loopback; start it with --allow-shutdown to allow it.\n";

    private static readonly PhpString s_welcome =
        "\nBienvenue sur le serveur de test PHP.\n" +
        "Pour quitter, tapez 'quit'. Pour arrêter le serveur, tapez 'shutdown'.\n";

    private readonly string _address;
    private readonly int _port;
    private readonly bool _raw;
    private readonly int _maxClients;
    private readonly long _idleMilliseconds;
    private readonly bool _shutdownAllowed;
    private AcceptGuard? _acceptGuard;
    private long _nextIdleCheck = long.MaxValue;
    /// <summary>When select last returned (Environment.TickCount64); kept only with --idle-timeout.</summary>
    private long _woke;
    private readonly TextWriter _out = Console.Out;
    private readonly TextWriter _error = Console.Error;
    // A list, each client knowing its slot: the loop walks it to build the sets and finds a ready
    // socket's client by its position in them, never by hashing a Socket (a dictionary lookup per
    // ready socket was about 150 of the tool's 1,037 user-space instructions per echo, bench/RESULTS.md).
    private readonly List<Client> _clients = [];
    private readonly List<PhpWarning> _warnings = [];
    private readonly byte[] _buffer = new byte[ChunkLength];
    private bool[] _ready = new bool[64];
    private Socket? _listener;
    private Socket[]? _wake;
    private string? _signal;
    private string? _shutdownBy;

    private EchoServerCommand(string address, int port, bool raw, int maxClients, int idleSeconds, bool shutdownAllowed)
    {
        _address = address;
        _port = port;
        _raw = raw;
        _maxClients = maxClients;
        _idleMilliseconds = idleSeconds * 1000L;
        _shutdownAllowed = shutdownAllowed;
    }

    public static int Run(ReadOnlySpan<string> args)
    {
        CommandLine line = CommandLine.Parse(args, s_valueOptions, s_flagOptions);
        if (line.HelpRequested) return Usage.Help("echo-server");
        if (line.Positionals.Count > 0) throw new UsageException($"unexpected argument '{line.Positionals[0]}'");
        string address = line.Get("address", "127.0.0.1");
        if (address.Length == 0) throw new UsageException("--address must not be empty");
        int port = line.GetPort("port", 10000);
        int maxClients = line.GetCount("max-clients", ServerLimits.DefaultMaxClients());
        int idleSeconds = line.GetSeconds("idle-timeout", 0); // 0: off, as the seed's server has none
        // The seed's 'shutdown' stops the server: kept on loopback, where only this machine can say it.
        bool shutdownAllowed = line.Has("allow-shutdown") || ServerLimits.IsLoopback(address);
        return new EchoServerCommand(address, port, line.Has("raw"), maxClients, idleSeconds, shutdownAllowed).Serve();
    }

    private int Serve()
    {
        // PHP would print each warning; here every socket call's outcome is checked where it is made,
        // and the warnings (a client's reset, say) are kept out of the output.
        using IDisposable quiet = PhpWarnings.Capture(_warnings);
        try
        {
            int status = Open(out string listening);
            if (status != ExitCodes.Success) return status;
            using (PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal))
            using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal))
            {
                _out.WriteLine($"Listening on {listening}");
                status = Loop();
            }
            if (status == ExitCodes.Success)
                _out.WriteLine(_signal is not null ? $"Stopping on {_signal}." : $"Stopping: 'shutdown' from {_shutdownBy}.");
            return status;
        }
        finally
        {
            CloseAll();
        }
    }

    /// <summary>socket_create, SO_REUSEADDR, socket_bind, socket_listen, and the wake-up pair.</summary>
    private int Open(out string listening)
    {
        listening = "";
        bool v6 = _address.Contains(':');
        string host = v6 ? _address.TrimStart('[').TrimEnd(']') : _address;
        _listener = socket_create(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, SOL_TCP);
        if (_listener is null) return Fail("socket_create() failed", socket_last_error());
        // SO_REUSEADDR: a restarted server can bind while old connections sit in TIME_WAIT.
        if (!socket_set_option(_listener, SOL_SOCKET, SO_REUSEADDR, 1))
            _error.WriteLine($"phpsock: warning: cannot set SO_REUSEADDR: {socket_strerror(socket_last_error(_listener))}");
        if (!socket_bind(_listener, host, _port))
            return Fail($"cannot bind {Endpoint(host, _port)}", socket_last_error(_listener));
        if (!socket_listen(_listener, SOMAXCONN))
            return Fail($"cannot listen on {Endpoint(host, _port)}", socket_last_error(_listener));
        socket_set_nonblock(_listener);

        PhpString? boundAddress = null;
        int boundPort = _port;
        if (!socket_getsockname(_listener, ref boundAddress, ref boundPort)) boundAddress = host;
        listening = Endpoint(boundAddress.ToString()!, boundPort);

        Socket[]? pair = null;
        if (!socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref pair)) return Fail("socket_create_pair() failed", socket_last_error());
        _wake = pair!;
        socket_set_nonblock(_wake[0]);
        socket_set_nonblock(_wake[1]);
        _acceptGuard = new AcceptGuard(_error, ServerLimits.SoftDescriptorLimit());
        return ExitCodes.Success;
    }

    /// <summary>
    /// SIGINT or SIGTERM, on a runtime thread: note it, and wake the select loop by writing one byte
    /// to the pair. (A signal that lands on the loop's own thread also ends its wait with EINTR.)
    /// </summary>
    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Volatile.Write(ref _signal, context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM");
        Socket[]? wake = _wake;
        if (wake is null) return;
        try
        {
            socket_write(wake[1], "!"u8);
        }
        catch (PhpError)
        {
            // The server is closing its sockets already.
        }
    }

    private int Loop()
    {
        Socket listener = _listener!;
        Socket wake = _wake![0];
        var readSet = new SelectSet();
        var writeSet = new SelectSet();
        while (true)
        {
            readSet.Clear();
            writeSet.Clear();
            // The clock only when a deadline hangs on it (an idle timeout, an accept pause): without
            // either, nothing below reads it, and a reading costs about 40 instructions.
            long now = _idleMilliseconds > 0 || _acceptGuard!.Paused ? Environment.TickCount64 : 0;
            if (_idleMilliseconds > 0 && now >= _nextIdleCheck) CloseIdle(now);
            if (_acceptGuard!.MayAccept(now)) readSet.Add(listener, null);
            readSet.Add(wake, null);
            foreach (Client client in _clients)
            {
                if (client.Output.Count > 0) writeSet.Add(client.Socket, client);
                else if (client.CloseReason is null) readSet.Add(client.Socket, client);
            }
            int reads = readSet.Count, writes = writeSet.Count;
            if (_ready.Length < reads + writes) _ready = new bool[Math.Max(reads + writes, _ready.Length * 2)];
            _warnings.Clear();
            long wait = NextWait(now);
            // The span overload: the sets stay as built and the flags say which are ready, so a wake-up
            // allocates nothing and each ready socket's client is the one beside it.
            if (socket_select(readSet.Sockets, writeSet.Sockets, [], _ready,
                    wait < 0 ? null : wait / 1000, wait < 0 ? 0 : wait % 1000 * 1000) is null)
            {
                // A signal delivered to this thread interrupts the wait: the wake socket says which.
                if (socket_last_error() == SOCKET_EINTR) continue;
                return Fail("socket_select() failed", socket_last_error());
            }
            if (Volatile.Read(ref _signal) is not null) return ExitCodes.Success;
            // One clock reading per wake-up for --idle-timeout's activity marks, none without it.
            if (_idleMilliseconds > 0) _woke = Environment.TickCount64;
            for (int k = 0; k < writes; k++)
            {
                Client client = writeSet.ClientAt(k)!;
                if (_ready[reads + k] && client.Slot >= 0) Flush(client);
            }
            for (int k = 0; k < reads; k++)
            {
                if (!_ready[k]) continue;
                Client? client = readSet.ClientAt(k);
                if (client is null)
                {
                    if (ReferenceEquals(readSet.Sockets[k], wake)) return ExitCodes.Success;
                    AcceptAll(listener);
                }
                else if (client.Slot >= 0)
                {
                    if (_idleMilliseconds > 0) client.LastActive = _woke;
                    Receive(client);
                }
                if (_shutdownBy is not null) return ExitCodes.Success;
            }
        }
    }

    private void AcceptAll(Socket listener)
    {
        // The listener is non-blocking: take every connection waiting, up to a fair share per round.
        for (int i = 0; i < 64; i++)
        {
            Socket? socket = socket_accept(listener);
            long now = Environment.TickCount64;
            if (socket is null)
            {
                int error = socket_last_error();
                if (AcceptGuard.IsExhaustion(error)) _acceptGuard!.Exhausted(listener, error, now);
                else if (error != SOCKET_EAGAIN) _error.WriteLine($"phpsock: socket_accept() failed: {socket_strerror(error)}");
                return;
            }
            if (!_acceptGuard!.KeepsHeadroom(socket, now)) continue;
            _acceptGuard.Accepted(now);
            if (_clients.Count >= _maxClients)
            {
                // Beyond --max-clients: one line, then closed; the clients already served see nothing.
                socket_write(socket, s_full.Span);
                socket_close(socket);
                continue;
            }
            socket_set_nonblock(socket);
            PhpString? peer = null;
            int peerPort = 0;
            string name = socket_getpeername(socket, ref peer, ref peerPort) ? Endpoint(peer.ToString()!, peerPort) : $"fd {socket.Descriptor}";
            var client = new Client(socket, name) { LastActive = now, Slot = _clients.Count };
            _clients.Add(client);
            if (_idleMilliseconds > 0) _nextIdleCheck = Math.Min(_nextIdleCheck, now + _idleMilliseconds);
            _out.WriteLine($"{name} connected");
            if (!_raw)
            {
                client.Output.Append(s_welcome.Span);
                Flush(client);
            }
        }
    }

    private void Receive(Client client)
    {
        int? count = socket_read(client.Socket, _raw ? _buffer : _buffer.AsSpan(0, LineLength), PHP_BINARY_READ);
        if (count is null)
        {
            int error = socket_last_error(client.Socket);
            if (error != SOCKET_EAGAIN) Drop(client, $"dropped: {socket_strerror(error)}");
            return;
        }
        if (count == 0)
        {
            // End of stream: answer a last unterminated line, then close once everything is written.
            if (!_raw && client.Input.Count > 0) HandleLine(client, new PhpString(client.Input.Pending));
            client.Input.Clear();
            client.CloseReason ??= "disconnected";
            Flush(client);
            return;
        }
        ReadOnlySpan<byte> data = _buffer.AsSpan(0, count.Value);
        if (_raw)
        {
            // Nothing queued before it: write straight from the read buffer, queue only what the
            // kernel did not take (the usual echo costs no copy and no second pass).
            if (client.Output.Count == 0)
            {
                int? written = socket_write(client.Socket, data);
                if (written is null)
                {
                    int error = socket_last_error(client.Socket);
                    if (error != SOCKET_EAGAIN)
                    {
                        Drop(client, $"dropped: {socket_strerror(error)}");
                        return;
                    }
                    written = 0;
                }
                data = data[written.Value..];
                if (data.IsEmpty) return;
            }
            client.Output.Append(data);
        }
        else
        {
            client.Input.Append(data);
            SplitLines(client);
        }
        Flush(client);
    }

    /// <summary>
    /// Lines end at "\n" (so telnet's "\r\n" is one line, its "\r" trimmed); a line is at most
    /// <see cref="LineLength"/> bytes, longer ones are taken in pieces, as PHP_NORMAL_READ does.
    /// </summary>
    private void SplitLines(Client client)
    {
        while (client.CloseReason is null && _shutdownBy is null)
        {
            ReadOnlySpan<byte> pending = client.Input.Pending;
            int newline = pending.IndexOf((byte)'\n');
            int take = newline >= 0 ? Math.Min(newline + 1, LineLength) : pending.Length >= LineLength ? LineLength : 0;
            if (take == 0) return;
            var line = new PhpString(pending[..take]);
            client.Input.Consume(take);
            HandleLine(client, line);
        }
        client.Input.Clear();
    }

    /// <summary>The seed's inner loop body: trim, 'quit', talk-back, echo.</summary>
    private void HandleLine(Client client, PhpString received)
    {
        PhpString buf = received.Trim();
        if (buf == "quit")
        {
            _out.WriteLine($"{client.Name}: quit");
            client.CloseReason = "closed (quit)";
            return;
        }
        if (buf == "shutdown" && !_shutdownAllowed)
        {
            _out.WriteLine($"{client.Name}: shutdown refused (not on loopback; see --allow-shutdown)");
            client.Output.Append(s_shutdownRefused.Span);
            return;
        }
        if (buf == "shutdown")
        {
            _out.WriteLine($"{client.Name}: shutdown");
            _shutdownBy = client.Name;
            return;
        }
        PhpString talkback = "PHP: Vous avez dit '" + buf + "'.\n";
        client.Output.Append(talkback.Span);
        _out.WriteLine($"{client.Name}: {buf}");
    }

    /// <summary>Writes what the client is owed, as far as it will take it; closes it when it is done with.</summary>
    private void Flush(Client client)
    {
        while (client.Output.Count > 0)
        {
            int? written = socket_write(client.Socket, client.Output.Pending);
            if (written is null)
            {
                int error = socket_last_error(client.Socket);
                if (error != SOCKET_EAGAIN) Drop(client, $"dropped: {socket_strerror(error)}");
                return;
            }
            client.Output.Consume(written.Value);
            // Taking output counts as activity for --idle-timeout, as sending does.
            if (_idleMilliseconds > 0 && written > 0) client.LastActive = _woke;
        }
        if (client.CloseReason is { } reason) Drop(client, reason);
    }

    /// <summary>
    /// The select timeout in milliseconds: until the next idle deadline or the end of an accept
    /// pause, whichever comes first; -1 (wait for ever) when neither is pending.
    /// </summary>
    private long NextWait(long now)
    {
        long wait = _acceptGuard!.PauseRemaining(now);
        if (_idleMilliseconds > 0 && _nextIdleCheck != long.MaxValue)
        {
            long idle = Math.Max(0, _nextIdleCheck - now);
            wait = wait < 0 ? idle : Math.Min(wait, idle);
        }
        return wait;
    }

    /// <summary>
    /// --idle-timeout: closes the clients that neither sent nor took anything that long (the defence
    /// against slowloris floods) and finds the next deadline. A client that still has output it does
    /// not take (it never reads) cannot be told why: it is dropped as it is, or it would hold its
    /// descriptor for ever. A scan of all clients, but only when a deadline is due, at most once per
    /// timeout for each client: activity only moves a deadline later.
    /// </summary>
    private void CloseIdle(long now)
    {
        _woke = now;
        long next = long.MaxValue;
        List<Client>? idle = null;
        foreach (Client client in _clients)
        {
            long deadline = client.LastActive + _idleMilliseconds;
            if (deadline <= now) (idle ??= []).Add(client);
            else next = Math.Min(next, deadline);
        }
        if (idle is not null)
        {
            foreach (Client client in idle)
            {
                if (client.Output.Count > 0)
                {
                    Drop(client, "dropped (idle, not reading)");
                    continue;
                }
                client.Output.Append(s_idle.Span);
                client.CloseReason = "closed (idle)";
                client.LastActive = now;
                Flush(client);
                // Still here: the notice waits in its queue; a client that does not take it by the next deadline is dropped.
                if (client.Slot >= 0) next = Math.Min(next, now + _idleMilliseconds);
            }
        }
        _nextIdleCheck = next;
    }

    private void Drop(Client client, string reason)
    {
        int slot = client.Slot;
        if (slot < 0) return;
        // The last client takes the slot: removal costs the same however many clients there are.
        Client last = _clients[^1];
        _clients[slot] = last;
        last.Slot = slot;
        _clients.RemoveAt(_clients.Count - 1);
        client.Slot = -1;
        socket_close(client.Socket);
        _out.WriteLine($"{client.Name} {reason}");
    }

    private void CloseAll()
    {
        foreach (Client client in _clients) socket_close(client.Socket);
        _clients.Clear();
        if (_listener is { IsClosed: false }) socket_close(_listener);
        _acceptGuard?.Close();
        if (_wake is { } wake)
        {
            _wake = null;
            foreach (Socket socket in wake) socket_close(socket);
        }
    }

    private int Fail(string what, int error)
    {
        string reason = error != 0 ? socket_strerror(error) : _warnings.Count > 0 ? _warnings[^1].Message : "unknown error";
        _error.WriteLine($"phpsock: {what}: {reason}");
        return ExitCodes.Failure;
    }

    private static string Endpoint(string address, int port) => address.Contains(':') ? $"[{address}]:{port}" : $"{address}:{port}";

    private sealed class Client(Socket socket, string name)
    {
        public Socket Socket { get; } = socket;
        public string Name { get; } = name;
        public ByteQueue Input { get; } = new();
        public ByteQueue Output { get; } = new();

        /// <summary>When it last sent something (Environment.TickCount64), for --idle-timeout.</summary>
        public long LastActive { get; set; }

        /// <summary>Its index in the server's client list; -1 once it is closed.</summary>
        public int Slot { get; set; } = -1;

        /// <summary>Set once the client is to be closed as soon as its output is written.</summary>
        public string? CloseReason { get; set; }
    }

    /// <summary>
    /// A select set built afresh each turn, each socket with its client beside it (null for the
    /// listener and the wake socket): the span overload's flags are by position, so a ready socket's
    /// client is found without a lookup.
    /// </summary>
    private sealed class SelectSet
    {
        private readonly List<Socket> _sockets = [];
        private readonly List<Client?> _clients = [];

        public int Count => _sockets.Count;

        public ReadOnlySpan<Socket> Sockets => CollectionsMarshal.AsSpan(_sockets);

        public Client? ClientAt(int position) => _clients[position];

        public void Add(Socket socket, Client? client)
        {
            _sockets.Add(socket);
            _clients.Add(client);
        }

        public void Clear()
        {
            _sockets.Clear();
            _clients.Clear();
        }
    }

    /// <summary>A byte buffer taken from the front and filled at the back.</summary>
    private sealed class ByteQueue
    {
        private byte[] _bytes = [];
        private int _start;
        private int _end;

        public int Count => _end - _start;

        public ReadOnlySpan<byte> Pending => _bytes.AsSpan(_start, Count);

        public void Append(ReadOnlySpan<byte> data)
        {
            if (_bytes.Length - _end < data.Length)
            {
                int count = Count;
                int needed = count + data.Length;
                byte[] target = needed <= _bytes.Length ? _bytes : new byte[Math.Max(needed, Math.Max(4096, _bytes.Length * 2))];
                Pending.CopyTo(target); // overlapping when compacting in place: CopyTo moves as memmove does
                _bytes = target;
                _start = 0;
                _end = count;
            }
            data.CopyTo(_bytes.AsSpan(_end));
            _end += data.Length;
        }

        public void Consume(int count)
        {
            _start += count;
            if (_start == _end) _start = _end = 0;
        }

        public void Clear() => _start = _end = 0;
    }
}
