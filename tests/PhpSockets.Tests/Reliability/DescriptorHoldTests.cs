using System;
using System.Collections.Generic;
using PhpSockets.Interop;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests.Reliability;

/// <summary>
/// SafeFdHandle.Enter/Exit, the cheap hold that recv/send without the GC transition and socket_select
/// take instead of the marshaller's SafeHandle reference: a close while a call holds the descriptor
/// shuts the socket down but leaves the number open, this socket's, until the last Exit closes it.
/// </summary>
[Collection(DescriptorSensitiveCollection.Name)] // a closed number must not be reused by another test under the check
public class DescriptorHoldTests
{
    [Fact]
    public void A_close_during_a_held_call_keeps_the_number_until_the_call_exits()
    {
        Socket listener = Listener(AF_INET, out int port);
        SafeFdHandle handle = listener.Handle;
        int fd = handle.Enter();
        socket_close(listener);
        Assert.Equal(port, PortBoundTo(fd)); // still open, still the listener
        handle.Exit();
        Assert.NotEqual(port, PortBoundTo(fd)); // closed by the last Exit
    }

    [Fact]
    public void A_close_with_two_holds_closes_at_the_second_exit()
    {
        Socket listener = Listener(AF_INET, out int port);
        SafeFdHandle handle = listener.Handle;
        int fd = handle.Enter();
        handle.Enter();
        socket_close(listener);
        handle.Exit();
        Assert.Equal(port, PortBoundTo(fd));
        handle.Exit();
        Assert.NotEqual(port, PortBoundTo(fd));
    }

    [Fact]
    public void A_close_with_no_hold_closes_at_once_and_a_later_hold_throws()
    {
        Socket listener = Listener(AF_INET, out int port);
        SafeFdHandle handle = listener.Handle;
        int fd = handle.Descriptor;
        socket_close(listener);
        Assert.NotEqual(port, PortBoundTo(fd));
        Assert.Throws<ObjectDisposedException>(() => handle.Enter());
    }

    [Fact]
    public void A_close_during_a_held_call_shuts_the_socket_down_for_the_peer()
    {
        (Socket a, Socket b) = UnixPair();
        try
        {
            a.Handle.Enter();
            socket_close(a);
            var buffer = new byte[4];
            Assert.Equal(0, socket_read(b, buffer)); // end of stream: shut down, though not yet closed
            a.Handle.Exit();
        }
        finally
        {
            socket_close(b);
        }
    }

    [Fact]
    public void Select_releases_its_holds_so_a_later_close_closes_at_once()
    {
        Socket listener = Listener(AF_INET, out int port);
        int fd = listener.Handle.Descriptor;
        List<Socket>? read = [listener], write = null, except = null;
        Assert.Equal(0, socket_select(ref read, ref write, ref except, 0));
        socket_close(listener);
        Assert.NotEqual(port, PortBoundTo(fd));
    }

    /// <summary>The port descriptor <paramref name="fd"/> is bound to, or -1 if it is no longer an inet socket.</summary>
    private static int PortBoundTo(int fd)
    {
        var view = new Socket(new SafeFdHandle(fd, ownsHandle: false), AF_INET);
        PhpString? address = null;
        int port = -1;
        (bool bound, _) = Warnings(() => socket_getsockname(view, ref address, ref port)); // EBADF warns once closed
        return bound ? port : -1;
    }
}
