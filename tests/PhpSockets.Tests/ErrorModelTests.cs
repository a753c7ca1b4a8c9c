using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// PHP's error model: the per-socket and the global (per-thread) last error, PHP_SOCKET_ERROR's
/// warning format and its silence for EAGAIN/EINPROGRESS, the functions that record globally only,
/// socket_strerror, the closed-socket Error of every function, and where warnings go.
/// </summary>
public class ErrorModelTests
{
    [Fact]
    public void A_failure_records_on_the_socket_and_globally_and_success_keeps_both()
    {
        socket_clear_error();
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.Equal(0, socket_last_error(s));
        Assert.Equal(0, socket_last_error());

        SingleWarning("socket_connect(): unable to connect [111]: Connection refused", () => socket_connect(s, "127.0.0.1", 1));
        Assert.Equal(111, socket_last_error(s));
        Assert.Equal(111, socket_last_error());

        // Successful calls reset neither value.
        PhpString? address = null;
        Assert.True(socket_getsockname(s, ref address));
        Assert.True(socket_bind(s, "127.0.0.1", 0));
        Assert.Equal(111, socket_last_error(s));
        Assert.Equal(111, socket_last_error());
        socket_close(s);
    }

    [Fact]
    public void Clearing_the_global_error_keeps_the_sockets_and_the_other_way_round()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Warnings(() => socket_connect(s, "127.0.0.1", 1));
        socket_clear_error();
        Assert.Equal(111, socket_last_error(s));
        Assert.Equal(0, socket_last_error());

        Warnings(() => socket_connect(s, "127.0.0.1", 1));
        socket_clear_error(s);
        Assert.Equal(0, socket_last_error(s));
        Assert.NotEqual(0, socket_last_error());
        socket_close(s);
    }

    [Fact]
    public void The_global_last_error_is_per_thread()
    {
        socket_clear_error();
        int otherThreadError = 0;
        var thread = new Thread(() =>
        {
            Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
            Warnings(() => socket_connect(s, "127.0.0.1", 1));
            otherThreadError = socket_last_error();
            socket_close(s);
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(WaitSeconds)));
        Assert.Equal(111, otherThreadError);
        Assert.Equal(0, socket_last_error());
    }

    [Fact]
    public void EAGAIN_is_recorded_without_a_warning()
    {
        (Socket a, Socket b) = UnixPair();
        Assert.True(socket_set_nonblock(a));
        socket_clear_error();
        Assert.Null(NoWarning(() => socket_read(a, 10)));
        Assert.Equal(11, socket_last_error(a));
        Assert.Equal(11, socket_last_error());

        PhpString? data = "keep";
        socket_clear_error(a);
        Assert.Null(NoWarning(() => socket_recv(a, ref data, 10, 0)));
        Assert.Null(data);
        Assert.Equal(11, socket_last_error(a));
        socket_close(a);
        socket_close(b);
    }

    [Fact]
    public void EINPROGRESS_is_recorded_without_a_warning()
    {
        Socket listener = Listener(AF_INET, out int port);
        Socket c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_set_nonblock(c));
        socket_clear_error();
        // Loopback may complete at once; when it does not, the call is silent with 115.
        bool connected = NoWarning(() => socket_connect(c, "127.0.0.1", port));
        if (!connected)
        {
            Assert.Equal(115, socket_last_error(c));
            Assert.Equal(115, socket_last_error());
        }
        CloseAll(c, listener);
    }

    [Fact]
    public void Create_records_globally_only_and_always_warns()
    {
        socket_clear_error();
        Assert.Null(SingleWarning("socket_create(): Unable to create socket [93]: Protocol not supported", () => socket_create(AF_INET, SOCK_STREAM, 255)));
        Assert.Equal(93, socket_last_error());
    }

    [Fact]
    public void Create_pair_records_globally_only_and_leaves_the_pair_untouched()
    {
        socket_clear_error();
        Socket[]? pair = null;
        Assert.False(SingleWarning("socket_create_pair(): Unable to create socket pair [95]: Operation not supported", () => socket_create_pair(AF_INET, SOCK_STREAM, 0, ref pair)));
        Assert.Equal(95, socket_last_error());
        Assert.Null(pair);
    }

    [Fact]
    public void Accept_errors_are_not_recorded_on_the_listener()
    {
        Socket notListening = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        socket_clear_error();
        Assert.Null(SingleWarning("socket_accept(): unable to accept incoming connection [22]: Invalid argument", () => socket_accept(notListening)));
        Assert.Equal(0, socket_last_error(notListening));
        Assert.Equal(22, socket_last_error());

        Socket listener = Listener(AF_INET, out _);
        Assert.True(socket_set_nonblock(listener));
        socket_clear_error();
        Assert.Null(NoWarning(() => socket_accept(listener)));
        Assert.Equal(0, socket_last_error(listener));
        Assert.Equal(11, socket_last_error());
        CloseAll(notListening, listener);
    }

    [Fact]
    public void Create_listen_failure_is_global_only()
    {
        Socket first = socket_create_listen(0)!;
        PhpString? address = null;
        int port = 0;
        Assert.True(socket_getsockname(first, ref address, ref port));
        socket_clear_error();
        Assert.Null(SingleWarning("socket_create_listen(): unable to bind to given address [98]: Address already in use", () => socket_create_listen(port)));
        Assert.Equal(98, socket_last_error());
        socket_close(first);
    }

    [Fact]
    public void Warning_format_is_function_message_errno_and_strerror()
    {
        (Socket a, Socket b) = UnixPair();
        List<string> warnings = Warnings(() => { socket_shutdown(a, 5); });
        Assert.Equal(["socket_shutdown(): Unable to shutdown socket [22]: Invalid argument"], warnings);
        CloseAll(a, b);
    }

    [Theory]
    [InlineData(0, "Success")]
    [InlineData(1, "Operation not permitted")]
    [InlineData(11, "Resource temporarily unavailable")]
    [InlineData(32, "Broken pipe")]
    [InlineData(41, "Unknown error 41")]
    [InlineData(58, "Unknown error 58")]
    [InlineData(98, "Address already in use")]
    [InlineData(104, "Connection reset by peer")]
    [InlineData(111, "Connection refused")]
    [InlineData(115, "Operation now in progress")]
    [InlineData(133, "Memory page has hardware error")]
    [InlineData(134, "Unknown error 134")]
    [InlineData(99999, "Unknown error 99999")]
    [InlineData(-1, "Unknown error -1")]
    [InlineData(-10000, "Unknown error -10000")]
    [InlineData(-10001, "Unknown host")]
    [InlineData(-10002, "Host name lookup failure")]
    [InlineData(-10003, "Unknown server error")]
    [InlineData(-10004, "No address associated with name")]
    [InlineData(-10005, "Unknown resolver error")]
    [InlineData(-2147483648L, "Unknown resolver error")]
    [InlineData(2147483647L, "Unknown error 2147483647")]
    public void Strerror_texts_are_glibcs(long code, string text)
    {
        Assert.Equal(text, socket_strerror(code));
    }

    [Theory]
    [InlineData(-2147483649L)]
    [InlineData(2147483648L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Strerror_outside_int_range_is_a_ValueError(long code)
    {
        PhpValueError e = Throws<PhpValueError>("socket_strerror(): Argument #1 ($error_code) must be between -2147483648 and 2147483647", () => socket_strerror(code));
        Assert.Equal("ValueError", e.PhpClass);
    }

    public static IEnumerable<object[]> EveryFunctionTakingASocket()
    {
        var calls = new (string Name, Action<Socket> Call)[]
        {
            ("socket_last_error", s => socket_last_error(s)),
            ("socket_clear_error", s => socket_clear_error(s)),
            ("socket_accept", s => socket_accept(s)),
            ("socket_listen", s => socket_listen(s)),
            ("socket_close", s => socket_close(s)),
            ("socket_set_nonblock", s => socket_set_nonblock(s)),
            ("socket_set_block", s => socket_set_block(s)),
            ("socket_shutdown", s => socket_shutdown(s)),
            ("socket_bind", s => socket_bind(s, "x")),
            ("socket_connect", s => socket_connect(s, "x")),
            ("socket_getsockname", s => { PhpString? a = null; socket_getsockname(s, ref a); }),
            ("socket_getsockname", s => { PhpString? a = null; int p = 0; socket_getsockname(s, ref a, ref p); }),
            ("socket_getpeername", s => { PhpString? a = null; socket_getpeername(s, ref a); }),
            ("socket_getpeername", s => { PhpString? a = null; int p = 0; socket_getpeername(s, ref a, ref p); }),
            ("socket_read", s => socket_read(s, 1)),
            ("socket_read", s => socket_read(s, 0)),
            ("socket_read", s => socket_read(s, new byte[1].AsSpan())),
            ("socket_write", s => socket_write(s, "x")),
            ("socket_write", s => socket_write(s, "x"u8)),
            ("socket_recv", s => { PhpString? d = null; socket_recv(s, ref d, 1, 0); }),
            ("socket_recv", s => socket_recv(s, new byte[1].AsSpan(), 0)),
            ("socket_send", s => socket_send(s, "x", 1, 0)),
            ("socket_send", s => socket_send(s, "x"u8, 0)),
            ("socket_recvfrom", s => { PhpString? d = null, a = null; socket_recvfrom(s, ref d, 1, 0, ref a); }),
            ("socket_recvfrom", s => { PhpString? d = null, a = null; int p = 0; socket_recvfrom(s, ref d, 1, 0, ref a, ref p); }),
            ("socket_sendto", s => socket_sendto(s, "x", 1, 0, "x")),
            ("socket_sendto", s => socket_sendto(s, "x", -1, 0, "x")),
        };
        for (int i = 0; i < calls.Length; i++) yield return [i, calls[i].Name, calls[i].Call];
    }

    [Theory]
    [MemberData(nameof(EveryFunctionTakingASocket))]
    public void Every_function_throws_Error_for_a_closed_socket(int index, string name, Action<Socket> call)
    {
        _ = index;
        foreach (int family in new[] { AF_UNIX, AF_INET, AF_INET6 })
        {
            Socket s = socket_create(family, SOCK_STREAM, 0)!;
            socket_close(s);
            PhpError e = Throws<PhpError>($"{name}(): Argument #1 ($socket) has already been closed", () => call(s));
            Assert.Equal(typeof(PhpError), e.GetType());
            Assert.Equal("Error", e.PhpClass);
            Assert.Equal(-1, s.Descriptor);
            Assert.True(s.IsClosed);
        }
    }

    /// <summary>
    /// A catch-all over every public SocketFunctions method whose first parameter is a Socket (span
    /// overloads are covered above): with a closed socket each throws PHP's Error before anything else.
    /// </summary>
    [Fact]
    public void Every_public_function_taking_a_socket_first_checks_that_it_is_open()
    {
        var checkedNames = new List<string>();
        foreach (System.Reflection.MethodInfo method in typeof(SocketFunctions).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        {
            System.Reflection.ParameterInfo[] parameters = method.GetParameters();
            if (parameters.Length == 0 || parameters[0].ParameterType != typeof(Socket)) continue;
            if (parameters.Any(p => (p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType).IsByRefLike)) continue;
            Socket s = socket_create(AF_INET, SOCK_STREAM, 0)!;
            socket_close(s);
            object?[] args = parameters.Select((p, i) => i == 0 ? s : ArgumentFor(p)).ToArray();
            // A null where the signature wants an object is a caller error in .NET, not a PHP case: skip those.
            if (parameters.Where((p, i) => args[i] is null && !p.ParameterType.IsByRef && !p.HasDefaultValue).Any()) continue;
            var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => method.Invoke(null, args));
            Assert.True(e.InnerException is PhpError { } err && err.GetType() == typeof(PhpError)
                && err.Message == $"{method.Name}(): Argument #1 ($socket) has already been closed",
                $"{method}: {e.InnerException}");
            checkedNames.Add(method.Name);
        }
        Assert.Contains("socket_read", checkedNames);
        Assert.Contains("socket_sendto", checkedNames);
        Assert.True(checkedNames.Count >= 20, string.Join(", ", checkedNames));
    }

    private static object? ArgumentFor(System.Reflection.ParameterInfo parameter)
    {
        if (parameter.HasDefaultValue) return parameter.DefaultValue;
        Type type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        if (parameter.ParameterType.IsByRef && type != typeof(PhpString?))
            return type.IsValueType || type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type) : null;
        if (type == typeof(PhpString) || type == typeof(PhpString?)) return (PhpString)"x";
        if (type == typeof(long) || type == typeof(long?)) return 1L;
        if (type == typeof(int) || type == typeof(int?)) return 1;
        if (type == typeof(string)) return "x";
        if (type.IsValueType) return Activator.CreateInstance(type);
        return type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type) : null;
    }

    [Fact]
    public void Capture_scopes_nest_and_the_innermost_wins()
    {
        var outer = new List<PhpWarning>();
        var inner = new List<PhpWarning>();
        using (PhpWarnings.Capture(outer))
        {
            socket_create(AF_INET, SOCK_STREAM, 255);
            using (PhpWarnings.Capture(inner))
            {
                socket_create(AF_INET, SOCK_STREAM, 254);
            }
            socket_create(AF_INET, SOCK_STREAM, 253);
        }
        Assert.Equal(2, outer.Count);
        PhpWarning only = Assert.Single(inner);
        Assert.Equal("Warning", only.Level);
        Assert.Equal("socket_create(): Unable to create socket [93]: Protocol not supported", only.Message);
        Assert.Equal("Warning: socket_create(): Unable to create socket [93]: Protocol not supported", only.ToString());
    }

    [Fact]
    public void Disposing_a_scope_twice_is_harmless()
    {
        var outer = new List<PhpWarning>();
        var inner = new List<PhpWarning>();
        using (PhpWarnings.Capture(outer))
        {
            IDisposable scope = PhpWarnings.Capture(inner);
            scope.Dispose();
            scope.Dispose();
            socket_create(AF_INET, SOCK_STREAM, 255);
        }
        Assert.Single(outer);
        Assert.Empty(inner);
    }

    [Fact]
    public void Uncaptured_warnings_go_to_Raised_on_the_causing_thread()
    {
        int me = Environment.CurrentManagedThreadId;
        var mine = new List<PhpWarning>();
        var captured = new List<PhpWarning>();
        Action<PhpWarning> handler = w =>
        {
            // Raised is process-wide: keep only this thread's warnings (other tests run in parallel).
            if (Environment.CurrentManagedThreadId == me) mine.Add(w);
        };
        PhpWarnings.Raised += handler;
        try
        {
            socket_create(AF_INET, SOCK_STREAM, 255);
            using (PhpWarnings.Capture(captured))
            {
                socket_create(AF_INET, SOCK_STREAM, 255);
            }
        }
        finally
        {
            PhpWarnings.Raised -= handler;
        }
        Assert.Equal("socket_create(): Unable to create socket [93]: Protocol not supported", Assert.Single(mine).Message);
        Assert.Single(captured);
    }

    [Fact]
    public void Error_classes_carry_PHPs_class_names()
    {
        Assert.Equal("Error", new PhpError("m").PhpClass);
        Assert.Equal("TypeError", new PhpTypeError("m").PhpClass);
        Assert.Equal("ArgumentCountError", new PhpArgumentCountError("m").PhpClass);
        Assert.Equal("ValueError", new PhpValueError("m").PhpClass);
        Assert.IsAssignableFrom<PhpTypeError>(new PhpArgumentCountError("m"));
    }
}
