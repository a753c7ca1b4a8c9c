using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// A descriptor that travels in an SCM_RIGHTS control message. PHP passes Socket objects and stream
/// resources; PhpSockets passes a <see cref="PhpSockets.Socket"/> or a <see cref="System.IO.Stream"/>
/// that owns a descriptor. Received descriptors come back as PHP gives them back: a socket becomes a
/// new Socket, anything else (a file, a pipe, /dev/null...) a <see cref="FileStream"/> opened for
/// reading and writing, PHP's stream resource with mode "rw". Each received descriptor is a new one,
/// owned by the object made for it. This type is the one place that decides how streams and
/// descriptors map to each other for message passing.
/// </summary>
public sealed class PassedDescriptor
{
    private PassedDescriptor(Socket? socket, Stream? stream)
    {
        Socket = socket;
        Stream = stream;
    }

    /// <summary>The socket passed, or null when this is a stream.</summary>
    public Socket? Socket { get; }

    /// <summary>The stream passed, or null when this is a socket.</summary>
    public Stream? Stream { get; }

    /// <summary>The socket or the stream, as it stands in a PHP array.</summary>
    public object Value => (object?)Socket ?? Stream!;

    /// <summary>Passes a socket.</summary>
    public static PassedDescriptor FromSocket(Socket socket) => new(socket ?? throw new ArgumentNullException(nameof(socket)), null);

    /// <summary>Passes the descriptor under a stream: a <see cref="FileStream"/>, or a stream PhpSockets made.</summary>
    public static PassedDescriptor FromStream(Stream stream) => new(null, stream ?? throw new ArgumentNullException(nameof(stream)));

    /// <summary>Passes a socket.</summary>
    public static implicit operator PassedDescriptor(Socket socket) => FromSocket(socket);

    /// <summary>Passes the descriptor under a file, pipe or device stream.</summary>
    public static implicit operator PassedDescriptor(FileStream stream) => FromStream(stream);

    /// <summary>Passes the socket under socket_export_stream's stream.</summary>
    public static implicit operator PassedDescriptor(SocketStream stream) => FromStream(stream);

    /// <inheritdoc />
    public override string ToString() => Socket is not null ? $"Socket({Socket.Descriptor})" : $"Stream({Stream!.GetType().Name})";

    /// <summary>What became of a stream asked for its descriptor.</summary>
    internal enum StreamCast
    {
        /// <summary>The handle is there and now held.</summary>
        Held,
        /// <summary>The stream is closed (PHP: "resource is not a stream").</summary>
        Closed,
        /// <summary>The stream has no descriptor (PHP: "cast stream to file descriptor failed").</summary>
        NoDescriptor,
    }

    /// <summary>
    /// The descriptor handle under <paramref name="stream"/>, held open in <paramref name="message"/>
    /// until it is sent: a <see cref="SocketStream"/> (socket_export_stream's) gives the socket's, a
    /// <see cref="FileStream"/> its SafeFileHandle; other streams have no descriptor.
    /// </summary>
    internal static StreamCast HoldStreamDescriptor(Stream stream, OutgoingMessage message, out int descriptor)
    {
        descriptor = -1;
        SafeHandle handle;
        switch (stream)
        {
            case SocketStream socketStream:
                if (socketStream.IsClosed) return StreamCast.Closed;
                handle = socketStream.Handle;
                break;
            case FileStream file:
                try
                {
                    handle = file.SafeFileHandle;
                }
                catch (ObjectDisposedException)
                {
                    return StreamCast.Closed;
                }
                break;
            default:
                return StreamCast.NoDescriptor;
        }
        if (handle.IsClosed || handle.IsInvalid || !message.Hold(handle)) return StreamCast.Closed;
        descriptor = (int)handle.DangerousGetHandle();
        return StreamCast.Held;
    }

    /// <summary>The name PHP's stream layer gives a stream's kind in its messages (as socket_import_stream names them).</summary>
    internal static string StreamTypeName(Stream stream) => stream switch
    {
        FileStream => "STDIO",
        MemoryStream or UnmanagedMemoryStream => "MEMORY",
        _ => stream.GetType().Name,
    };

    /// <summary>
    /// The descriptor of one SCM_RIGHTS entry, held open in <paramref name="message"/>: a Socket, a
    /// stream or a <see cref="PassedDescriptor"/>. Otherwise PHP's error for the entry is recorded in
    /// <paramref name="context"/> (after PHP's cast warning for a stream without a descriptor) and -1 returned.
    /// </summary>
    internal static int HoldDescriptor(object? element, OutgoingMessage message, ConversionContext context, string function)
    {
        switch (element)
        {
            case PassedDescriptor passed:
                return HoldDescriptor(passed.Value, message, context, function);
            case Socket socket:
                if (socket.IsClosed || !message.Hold(socket.Handle))
                {
                    context.Fail("socket is already closed");
                    return -1;
                }
                return socket.Handle.Descriptor;
            case Stream stream:
                switch (HoldStreamDescriptor(stream, message, out int fd))
                {
                    case StreamCast.Held:
                        return fd;
                    case StreamCast.Closed:
                        context.Fail("resource is not a stream");
                        return -1;
                    default:
                        PhpWarnings.Warn($"{function}(): Cannot represent a stream of type {StreamTypeName(stream)} as a File Descriptor");
                        context.Fail("cast stream to file descriptor failed");
                        return -1;
                }
            default:
                context.Fail("expected a Socket object or a stream resource");
                return -1;
        }
    }

    /// <summary>
    /// Gives a descriptor just received its owner: a new Socket (family from getsockname, blocking
    /// mode from fcntl, as PHP's socket import does) for a socket, a FileStream for anything else.
    /// </summary>
    internal static unsafe object Adopt(int fd, string function)
    {
        SockAddrStorage storage = default;
        int length = SockAddrStorage.Size;
        if (Libc.GetSockName(fd, (byte*)&storage, &length) != 0)
        {
            int errno = SocketErrors.Errno();
            if (errno == ENOTSOCK) return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.ReadWrite, bufferSize: 0);
            var failed = new Socket(new SafeFdHandle(fd, ownsHandle: true), 0);
            SocketErrors.Record(failed, function, "Unable to obtain socket family", errno);
            return failed;
        }
        var socket = new Socket(new SafeFdHandle(fd, ownsHandle: true), SocketAddress.Family(storage));
        int flags = Libc.Fcntl(fd, Libc.F_GETFL, 0);
        if (flags == -1) SocketErrors.Record(socket, function, "Unable to obtain blocking state", SocketErrors.Errno());
        else socket.Blocking = (flags & Libc.O_NONBLOCK) == 0;
        return socket;
    }

    private const int ENOTSOCK = 88;
}
