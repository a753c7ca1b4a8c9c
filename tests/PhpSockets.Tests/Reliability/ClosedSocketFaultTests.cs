using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;
using static PhpSockets.Tests.Reliability.ReliabilitySupport;

namespace PhpSockets.Tests.Reliability;

/// <summary>
/// A closed Socket object that is still used: double close and every function on it throw PHP's
/// Error (<c>fn(): Argument #1 ($socket) has already been closed</c>) for every kind of socket, and
/// none of them touches the descriptor number it once had, even when a new socket got that number.
/// (ErrorModelTests checks the messages on fresh sockets; this is the fault angle: sockets closed
/// after use, by another thread, and numbers reused.)
/// </summary>
public class ClosedSocketFaultTests
{
    /// <summary>Every kind of socket a program holds: listener, accepted, connected client, pair ends, datagram, never used.</summary>
    private static List<(string Kind, Socket Socket)> EveryKind(List<Socket> keep)
    {
        Socket listener = Listener(AF_INET, out int port);
        Socket client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_connect(client, "127.0.0.1", port));
        Socket accepted = PlainAccept(listener);
        (Socket a, Socket b) = PlainUnixPair();
        Socket udp = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP)!;
        Assert.True(socket_bind(udp, "::1", 0));
        Socket fresh = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        keep.Add(b);
        return [("listener", listener), ("client", client), ("accepted", accepted), ("pair", a), ("udp", udp), ("unused", fresh)];
    }

    [Fact]
    public void A_second_close_of_every_kind_of_socket_throws_Error()
    {
        var keep = new List<Socket>();
        foreach ((string kind, Socket s) in EveryKind(keep))
        {
            socket_close(s);
            PhpError e = Throws<PhpError>("socket_close(): Argument #1 ($socket) has already been closed", () => socket_close(s));
            Assert.True(e.GetType() == typeof(PhpError), kind);
            // And a third.
            Throws<PhpError>("socket_close(): Argument #1 ($socket) has already been closed", () => socket_close(s));
        }
        CloseAll(keep);
    }

    [Fact]
    public void A_socket_closed_by_another_thread_throws_Error_on_this_one()
    {
        (Socket a, Socket b) = PlainUnixPair();
        var closer = new System.Threading.Thread(() => socket_close(a));
        closer.Start();
        Assert.True(closer.Join(ReliabilitySupport.Patience));
        Throws<PhpError>("socket_close(): Argument #1 ($socket) has already been closed", () => socket_close(a));
        Throws<PhpError>("socket_write(): Argument #1 ($socket) has already been closed", () => socket_write(a, "x"));
        socket_close(b);
    }

    [Fact]
    public void Every_function_on_a_closed_socket_throws_Error_and_never_touches_the_reused_descriptor()
    {
        var keep = new List<Socket>();
        var reused = new List<Socket>();
        int calls = 0;
        foreach ((string kind, Socket s) in EveryKind(keep))
        {
            int oldFd = s.Descriptor;
            socket_close(s);

            // Get the old number back for a new, connected socket whose peer has sent it data.
            Socket? heir = null;
            Socket? heirPeer = null;
            for (int attempt = 0; attempt < 64 && heir is null; attempt++)
            {
                (Socket x, Socket y) = PlainUnixPair();
                if (x.Descriptor == oldFd) (heir, heirPeer) = (x, y);
                else if (y.Descriptor == oldFd) (heir, heirPeer) = (y, x);
                else reused.AddRange([x, y]);
            }
            CloseAll(reused);
            reused.Clear();
            if (heir is null) continue; // another test took the number: nothing to compare against this time
            Assert.Equal(5, socket_write(heirPeer!, "intact"u8[..5]));
            string? target = ReliabilitySupport.DescriptorTarget(oldFd);

            foreach ((MethodInfo method, object?[] args) in CallsOn(s))
            {
                var error = Assert.Throws<TargetInvocationException>(() => method.Invoke(null, args));
                Assert.True(error.InnerException is PhpError { } e && e.GetType() == typeof(PhpError)
                    && e.Message == $"{method.Name}(): Argument #1 ($socket) has already been closed",
                    $"{kind}: {method}: {error.InnerException}");
                calls++;
            }
            // The span overloads, which reflection cannot call.
            Throws<PhpError>("socket_read(): Argument #1 ($socket) has already been closed", () => socket_read(s, new byte[8].AsSpan()));
            Throws<PhpError>("socket_write(): Argument #1 ($socket) has already been closed", () => socket_write(s, "x"u8));
            Throws<PhpError>("socket_recv(): Argument #1 ($socket) has already been closed", () => socket_recv(s, new byte[8].AsSpan(), 0));
            Throws<PhpError>("socket_send(): Argument #1 ($socket) has already been closed", () => socket_send(s, "x"u8, 0));
            // select rejects it too (a TypeError there, as in PHP).
            List<Socket>? set = [s], none = null;
            Throws<PhpTypeError>("socket_select(): Argument #1 ($read) contains a closed socket", () => socket_select(ref set, ref none, ref none, 0));

            // The socket that now has the number: same descriptor, still blocking, its data unread, still connected.
            Assert.Equal(target, ReliabilitySupport.DescriptorTarget(oldFd));
            Assert.Equal(oldFd, heir.Descriptor);
            Assert.Equal(0, ReliabilitySupport.Fcntl(oldFd, ReliabilitySupport.F_GETFL, 0) & ReliabilitySupport.O_NONBLOCK);
            Assert.Equal((PhpString)"intac", socket_read(heir, 100));
            Assert.Equal(2, socket_write(heir, "ok"));
            Assert.Equal((PhpString)"ok", socket_read(heirPeer!, 100));
            CloseAll(heir, heirPeer);
        }
        CloseAll(keep);
        // Every overload taking a Socket first was called: by reflection, or by hand for the span ones.
        int overloads = typeof(SocketFunctions).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Count(m => m.GetParameters() is { Length: > 0 } p && p[0].ParameterType == typeof(Socket) && !m.IsGenericMethodDefinition);
        Socket probe = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        int reflected = CallsOn(probe).Count();
        socket_close(probe);
        Assert.Equal(overloads - 4, reflected);
        Assert.True(calls % reflected == 0, $"{calls} calls for {reflected} overloads");
    }

    /// <summary>Every public SocketFunctions overload whose first parameter is a Socket (except span overloads), with harmless arguments.</summary>
    private static IEnumerable<(MethodInfo, object?[])> CallsOn(Socket closed)
    {
        foreach (MethodInfo method in typeof(SocketFunctions).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            ParameterInfo[] parameters = method.GetParameters();
            if (parameters.Length == 0 || (parameters[0].ParameterType != typeof(Socket))) continue;
            if (parameters.Any(p => (p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType).IsByRefLike)) continue;
            if (method.IsGenericMethodDefinition) continue;
            object?[] args = parameters.Select((p, i) => i == 0 ? closed : Harmless(p)).ToArray();
            if (parameters.Where((p, i) => args[i] is null && !p.ParameterType.IsByRef && !p.HasDefaultValue && !IsNullable(p)).Any()) continue;
            yield return (method, args);
        }
    }

    private static bool IsNullable(ParameterInfo p) =>
        Nullable.GetUnderlyingType(p.ParameterType) is not null || new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable;

    /// <summary>An argument that would do something real if the socket were open (so a call that skipped the check would show).</summary>
    private static object? Harmless(ParameterInfo parameter)
    {
        if (parameter.HasDefaultValue) return parameter.DefaultValue;
        Type type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        Type plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain == typeof(PhpString)) return (PhpString)"x";
        if (plain == typeof(long)) return 1L;
        if (plain == typeof(int)) return 1;
        if (plain == typeof(string)) return "x";
        if (plain == typeof(PhpArray)) return new PhpArray();
        if (plain == typeof(IoVector)) return socket_iovec_alloc(1, 1);
        if (plain.IsValueType) return Activator.CreateInstance(plain);
        if (parameter.ParameterType.IsByRef) return null;
        return plain.GetConstructor(Type.EmptyTypes) is { } ctor ? ctor.Invoke(null) : null;
    }
}
