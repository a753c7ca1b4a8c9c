using System;
using System.Collections.Generic;
using System.IO;
using Xunit;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Tests;

/// <summary>
/// Shared plumbing for the unit and loopback tests: warning capture, loopback connections,
/// bounded waits (every blocking call is preceded by a select with a timeout), temp folders for
/// AF_UNIX paths.
/// </summary>
internal static class UnitTestSupport
{
    /// <summary>How long any wait may take before the test fails instead of hanging.</summary>
    internal const int WaitSeconds = 5;

    /// <summary>Runs <paramref name="action"/> with this thread's warnings captured and returns their messages.</summary>
    internal static List<string> Warnings(Action action)
    {
        var sink = new List<PhpWarning>();
        using (PhpWarnings.Capture(sink))
        {
            action();
        }
        return sink.ConvertAll(w => w.Message);
    }

    /// <summary>Runs <paramref name="func"/> with warnings captured; returns its result and the messages.</summary>
    internal static (T Result, List<string> Warnings) Warnings<T>(Func<T> func)
    {
        T result = default!;
        List<string> warnings = Warnings(() => { result = func(); });
        return (result, warnings);
    }

    /// <summary>Asserts that <paramref name="action"/> raised no warning.</summary>
    internal static void NoWarning(Action action) => Assert.Empty(Warnings(action));

    /// <summary>Runs <paramref name="func"/> and asserts it raised no warning.</summary>
    internal static T NoWarning<T>(Func<T> func)
    {
        (T result, List<string> warnings) = Warnings(func);
        Assert.Empty(warnings);
        return result;
    }

    /// <summary>Runs <paramref name="func"/> and asserts it raised exactly <paramref name="expected"/>.</summary>
    internal static T SingleWarning<T>(string expected, Func<T> func)
    {
        (T result, List<string> warnings) = Warnings(func);
        Assert.Equal(expected, Assert.Single(warnings));
        return result;
    }

    /// <summary>Asserts that <paramref name="action"/> throws <typeparamref name="TError"/> with exactly PHP's message.</summary>
    internal static TError Throws<TError>(string message, Action action) where TError : PhpError
    {
        TError error = Assert.Throws<TError>(action);
        Assert.Equal(message, error.Message);
        return error;
    }

    /// <summary>The loopback address of <paramref name="family"/>: "::1" for AF_INET6, else "127.0.0.1".</summary>
    internal static string LoopbackAddress(int family) => family == AF_INET6 ? "::1" : "127.0.0.1";

    /// <summary>A listening TCP socket on 127.0.0.1 (or ::1) with an ephemeral port.</summary>
    internal static Socket Listener(int family, out int port)
    {
        Socket listener = socket_create(family, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_bind(listener, LoopbackAddress(family), 0));
        Assert.True(socket_listen(listener, 16));
        port = LocalPort(listener);
        return listener;
    }

    /// <summary>A UDP socket bound to 127.0.0.1 (or ::1) with an ephemeral port.</summary>
    internal static Socket BoundUdp(int family, out int port)
    {
        Socket s = socket_create(family, SOCK_DGRAM, SOL_UDP)!;
        Assert.True(socket_bind(s, LoopbackAddress(family), 0));
        port = LocalPort(s);
        return s;
    }

    /// <summary>The local port of <paramref name="socket"/>, asserting that socket_getsockname succeeds.</summary>
    internal static int LocalPort(Socket socket)
    {
        PhpString? address = null;
        int port = 0;
        Assert.True(socket_getsockname(socket, ref address, ref port));
        return port;
    }

    /// <summary>A connected TCP pair over loopback: (client, accepted server side). The listener is closed.</summary>
    internal static (Socket Client, Socket Server) TcpPair(int family = AF_INET)
    {
        Socket listener = Listener(family, out int port);
        Socket client = socket_create(family, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_connect(client, LoopbackAddress(family), port));
        Socket server = Accept(listener);
        socket_close(listener);
        return (Bounded(client), server);
    }

    /// <summary>A connected AF_UNIX pair of <paramref name="type"/>.</summary>
    internal static (Socket A, Socket B) UnixPair(int type = SOCK_STREAM)
    {
        Socket[]? pair = null;
        Assert.True(socket_create_pair(AF_UNIX, type, 0, ref pair));
        return (Bounded(pair![0]), Bounded(pair[1]));
    }

    /// <summary>Accepts after select says a connection is waiting, so the accept cannot block.</summary>
    internal static Socket Accept(Socket listener)
    {
        WaitReadable(listener);
        Socket? accepted = socket_accept(listener);
        Assert.NotNull(accepted);
        return Bounded(accepted);
    }

    /// <summary>
    /// Safety net: receive and send timeouts (longer than <see cref="WaitSeconds"/>, so the select
    /// checks fail first) make a blocking call that a test bug leaves waiting end instead of hanging.
    /// </summary>
    internal static Socket Bounded(Socket socket)
    {
        var timeout = new TimeValue(2 * WaitSeconds, 0);
        Assert.True(socket_set_option(socket, SOL_SOCKET, SO_RCVTIMEO, timeout));
        Assert.True(socket_set_option(socket, SOL_SOCKET, SO_SNDTIMEO, timeout));
        return socket;
    }

    /// <summary>Fails the test unless <paramref name="socket"/> becomes readable within <see cref="WaitSeconds"/>.</summary>
    internal static void WaitReadable(Socket socket)
    {
        var read = new List<Socket> { socket };
        List<Socket>? none = null;
        Assert.Equal(1, socket_select(ref read, ref none, ref none, WaitSeconds));
    }

    /// <summary>Fails the test unless <paramref name="socket"/> becomes writable within <see cref="WaitSeconds"/>.</summary>
    internal static void WaitWritable(Socket socket)
    {
        var write = new List<Socket> { socket };
        List<Socket>? none = null;
        Assert.Equal(1, socket_select(ref none, ref write, ref none, WaitSeconds));
    }

    /// <summary>Closes every socket that is still open (tests close explicitly; this is for finally blocks).</summary>
    internal static void CloseAll(params Socket?[] sockets)
    {
        foreach (Socket? socket in sockets)
        {
            if (socket is { IsClosed: false }) socket_close(socket);
        }
    }

    /// <summary>Closes every socket of <paramref name="sockets"/> that is still open.</summary>
    internal static void CloseAll(IEnumerable<Socket> sockets)
    {
        foreach (Socket socket in sockets)
        {
            if (!socket.IsClosed) socket_close(socket);
        }
    }

    /// <summary>Runs <paramref name="func"/> on a background thread (for calls that block until the test feeds them).</summary>
    internal static Background<T> InBackground<T>(Func<T> func) => new(func);

    /// <summary>The bytes of <paramref name="text"/> as a PHP string, one byte per char (for binary test data).</summary>
    internal static PhpString Bytes(string text) => PhpString.FromLatin1(text);
}

/// <summary>A fresh, short temp folder for AF_UNIX socket files (sun_path holds at most 107 bytes), removed afterwards.</summary>
internal sealed class TempSocketDir : IDisposable
{
    internal TempSocketDir()
    {
        Path = Directory.CreateTempSubdirectory("pst").FullName;
    }

    /// <summary>The folder, without a trailing slash.</summary>
    internal string Path { get; }

    /// <summary>A path in the folder.</summary>
    internal string File(string name) => Path + "/" + name;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A call running on its own background thread; <see cref="Finished"/> waits for it, bounded.</summary>
internal sealed class Background<T>
{
    private readonly System.Threading.Thread _thread;
    private T _result = default!;
    private Exception? _error;

    internal Background(Func<T> func)
    {
        _thread = new System.Threading.Thread(() =>
        {
            try
            {
                _result = func();
            }
            catch (Exception e)
            {
                _error = e;
            }
        })
        { IsBackground = true };
        _thread.Start();
    }

    /// <summary>Whether the call ended within <paramref name="milliseconds"/>.</summary>
    internal bool Finished(int milliseconds) => _thread.Join(milliseconds);

    /// <summary>The call's result; fails the test unless it ended within the standard wait.</summary>
    internal T Result
    {
        get
        {
            Assert.True(_thread.Join(TimeSpan.FromSeconds(UnitTestSupport.WaitSeconds)), "the background call did not end");
            if (_error is not null) throw new InvalidOperationException("the background call failed", _error);
            return _result;
        }
    }
}
