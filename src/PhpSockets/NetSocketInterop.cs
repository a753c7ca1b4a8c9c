using System;
using System.IO;
using System.Net.Sockets;
using PhpSockets.Interop;
using NetSocket = System.Net.Sockets.Socket;

namespace PhpSockets;

/// <summary>
/// Conversions between PhpSockets' <see cref="Socket"/> and .NET's <see cref="NetSocket"/>, so a
/// socket can go from ported PHP code to .NET code (NetworkStream, SslStream, Kestrel) and back.
/// <para>
/// Ownership: a conversion never shares a descriptor between two owners. The new object gets its own
/// duplicate of the descriptor (dup(2), close-on-exec) for the same kernel socket: both see the same
/// connection, options, buffers and blocking mode (O_NONBLOCK belongs to the socket, not to the
/// descriptor), and each closes only its own descriptor. The connection ends when the last of them is
/// closed, or at once with shutdown (<c>socket_shutdown</c> / <see cref="NetSocket.Shutdown"/>).
/// So dispose the .NET Socket and <c>socket_close</c> the PhpSockets one, as each owner must.
/// </para>
/// <para>
/// Why not the same descriptor number: a .NET <see cref="SafeSocketHandle"/> spins in Dispose until
/// every other holder has released it, and a non-owning wrapper on either side could call into a
/// number that the other side closed and the kernel reused for something else.
/// </para>
/// <para>
/// Mind the blocking mode: .NET switches a socket's descriptor to O_NONBLOCK for good after its first
/// asynchronous operation (and emulates blocking itself), and the duplicate shares that mode; PHP
/// functions on the PhpSockets side then see EAGAIN where they would have waited. Call
/// <c>socket_set_block</c> after handing the socket back from async .NET code.
/// </para>
/// </summary>
public static class NetSocketInterop
{
    private const int SO_DOMAIN = 39;

    /// <summary>
    /// A .NET <see cref="NetSocket"/> for the same kernel socket, over its own duplicate descriptor
    /// (see the class notes on ownership). Each call returns a new .NET Socket with a new duplicate.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The socket was closed with <c>socket_close</c>.</exception>
    /// <exception cref="IOException">The descriptor could not be duplicated (errno in HResult).</exception>
    public static NetSocket ToNetSocket(this Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ObjectDisposedException.ThrowIf(socket.IsClosed, socket);
        int fd = Libc.Fcntl(socket.Handle, Libc.F_DUPFD_CLOEXEC, 0);
        if (fd < 0) throw Failure(SocketErrors.Errno());
        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        try
        {
            return new NetSocket(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A PhpSockets <see cref="Socket"/> for the same kernel socket as <paramref name="netSocket"/>, over its
    /// own duplicate descriptor (see the class notes on ownership), with the family the kernel reports
    /// (SO_DOMAIN) and the descriptor's blocking mode. Unlike <c>socket_import_stream</c>, it is not linked:
    /// <c>socket_close</c> leaves <paramref name="netSocket"/> open.
    /// </summary>
    /// <exception cref="ObjectDisposedException"><paramref name="netSocket"/> was disposed.</exception>
    /// <exception cref="IOException">The descriptor could not be duplicated or queried (errno in HResult).</exception>
    public static unsafe Socket ToPhpSocket(this NetSocket netSocket)
    {
        ArgumentNullException.ThrowIfNull(netSocket);
        SafeFdHandle? handle = Duplicate(netSocket, out int errno);
        if (handle is null) throw errno == 0 ? new ObjectDisposedException(nameof(NetSocket)) : Failure(errno);
        int family = 0, size = sizeof(int);
        int flags = Libc.Fcntl(handle, Libc.F_GETFL, 0);
        if (flags == -1 || Libc.GetSockOpt(handle, SocketFunctions.SOL_SOCKET, SO_DOMAIN, &family, &size) != 0)
        {
            errno = SocketErrors.Errno();
            handle.Dispose();
            throw Failure(errno);
        }
        return new Socket(handle, family) { Blocking = (flags & Libc.O_NONBLOCK) == 0 };
    }

    /// <summary>What <see cref="TryLink"/> found.</summary>
    internal enum LinkOutcome
    {
        /// <summary>Not a .NET socket object: no NetworkStream, no .NET Socket.</summary>
        NotNetSocket,
        /// <summary>A .NET socket object already closed or disposed.</summary>
        Closed,
        /// <summary>Duplicated and linked: handle and link are set.</summary>
        Linked,
        /// <summary>dup(2) failed: the errno is set.</summary>
        Failed,
    }

    /// <summary>
    /// socket_import_stream's .NET part: a duplicate descriptor of a <see cref="NetworkStream"/>'s or
    /// .NET Socket's socket, and a link that closes the .NET object on socket_close and reports EBADF
    /// once the .NET object is disposed, as PHP does with a stream.
    /// </summary>
    internal static LinkOutcome TryLink(object source, out SafeFdHandle? handle, out SocketLink? link, out int errno)
    {
        handle = null;
        link = null;
        errno = 0;
        NetSocket? netSocket;
        switch (source)
        {
            case NetworkStream stream:
                if (NetLink.IsStreamClosed(stream)) return LinkOutcome.Closed;
                netSocket = stream.Socket;
                break;
            case NetSocket socket:
                netSocket = socket;
                break;
            default:
                return LinkOutcome.NotNetSocket;
        }
        handle = Duplicate(netSocket, out errno);
        if (handle is null) return errno == 0 ? LinkOutcome.Closed : LinkOutcome.Failed;
        link = new NetLink(source, netSocket.SafeHandle);
        return LinkOutcome.Linked;
    }

    /// <summary>A close-on-exec duplicate of the .NET socket's descriptor; null with errno 0 when it is disposed.</summary>
    private static SafeFdHandle? Duplicate(NetSocket netSocket, out int errno)
    {
        errno = 0;
        SafeSocketHandle owner = netSocket.SafeHandle;
        bool added = false;
        try
        {
            // Holding a reference keeps the number from being closed and reused while dup runs.
            owner.DangerousAddRef(ref added);
            if (owner.IsInvalid) return null;
            int fd = Libc.FcntlDescriptor((int)owner.DangerousGetHandle(), Libc.F_DUPFD_CLOEXEC, 0);
            if (fd >= 0) return new SafeFdHandle(fd, ownsHandle: true);
            errno = SocketErrors.Errno();
            return null;
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
        finally
        {
            if (added) owner.DangerousRelease();
        }
    }

    private static IOException Failure(int errno) => new(ErrorText.For(errno), errno);

    /// <summary>A Socket imported from a NetworkStream or .NET Socket: PHP's stream link over a duplicate descriptor.</summary>
    private sealed class NetLink(object source, SafeSocketHandle sourceHandle) : SocketLink
    {
        private SocketStream? _exported;

        internal static bool IsStreamClosed(NetworkStream stream) => !stream.CanRead && !stream.CanWrite;

        internal override bool IsClosed =>
            sourceHandle.IsClosed
            || (source is NetworkStream stream && IsStreamClosed(stream))
            || _exported is { IsClosed: true };

        internal override void Close()
        {
            _exported?.Dispose();
            ((IDisposable)source).Dispose();
        }

        /// <summary>
        /// The NetworkStream it came from; for a .NET Socket, a SocketStream over the Socket's duplicate,
        /// made once (PHP returns the same stream every time).
        /// </summary>
        internal override Stream ExportedStream(SafeFdHandle socketHandle)
        {
            if (source is Stream stream) return stream;
            if (_exported is null)
            {
                _exported = new SocketStream(socketHandle.IsClosed || socketHandle.IsInvalid ? new SafeFdHandle(-1, ownsHandle: false) : socketHandle);
                if (_exported.Descriptor == -1) _exported.Dispose();
            }
            return _exported;
        }
    }
}
