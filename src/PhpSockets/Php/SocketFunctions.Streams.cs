using System.IO;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    private const int SO_DOMAIN_OPTION = 39;

    /// <summary>
    /// <c>socket_export_stream(Socket $socket): resource|false</c>: the socket as a .NET <see cref="Stream"/>,
    /// the same object on every call. Normally a <see cref="SocketStream"/> sharing the descriptor; for a
    /// socket that came from socket_import_stream, the stream it came from. From then on the two are
    /// linked: socket_close disposes the stream, and disposing the stream closes the descriptor (the
    /// socket's later calls fail with EBADF warnings, and socket_close throws PHP's TypeError).
    /// </summary>
    public static Stream socket_export_stream(Socket socket)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_export_stream));
        if (socket.Link is { } link) return link.ExportedStream(socket.Handle);
        var stream = new SocketStream(socket.Handle);
        socket.Link = stream.Link;
        return stream;
    }

    /// <summary>
    /// <c>socket_import_stream($stream): Socket|false</c>: a new Socket over the descriptor of
    /// <paramref name="stream"/>, which may be a <see cref="SocketStream"/> (shared descriptor), a
    /// <see cref="System.Net.Sockets.NetworkStream"/> or a <see cref="System.Net.Sockets.Socket"/> (a
    /// duplicate descriptor of the same socket: see <see cref="NetSocketInterop"/>). The family is what
    /// the kernel reports (SO_DOMAIN), the blocking flag what the descriptor has. The two stay linked as
    /// in PHP: socket_close closes the stream, socket_export_stream returns it, and once it is closed the
    /// Socket's calls fail with EBADF.
    /// A Stream that is no socket (a FileStream: type STDIO; a MemoryStream: MEMORY; others by their
    /// .NET type name) gives the warning <c>Cannot represent a stream of type X as a Socket Descriptor</c>
    /// and null. A closed stream throws PHP's TypeError <c>supplied resource is not a valid stream
    /// resource</c>; anything else than a stream, the TypeError for a non-resource argument.
    /// </summary>
    public static Socket? socket_import_stream(object? stream)
    {
        const string fn = nameof(socket_import_stream);
        SafeFdHandle handle;
        SocketLink link;
        bool ownHandle;
        if (stream is null) throw NotAResource(fn, stream);
        if (stream is SocketStream socketStream)
        {
            if (socketStream.IsClosed) throw InvalidStreamResource(fn);
            handle = socketStream.Handle;
            link = socketStream.Link;
            ownHandle = false;
        }
        else
        {
            switch (NetSocketInterop.TryLink(stream, out SafeFdHandle? duplicate, out SocketLink? netLink, out int errno))
            {
                case NetSocketInterop.LinkOutcome.Linked:
                    handle = duplicate!;
                    link = netLink!;
                    ownHandle = true;
                    break;
                case NetSocketInterop.LinkOutcome.Closed:
                    throw InvalidStreamResource(fn);
                case NetSocketInterop.LinkOutcome.Failed:
                    // dup failed (EMFILE...): no PHP counterpart, as PHP shares the descriptor.
                    SocketErrors.Record(null, fn, "Unable to duplicate socket descriptor", errno);
                    return null;
                default:
                    if (stream is not Stream other) throw NotAResource(fn, stream);
                    if (!other.CanRead && !other.CanWrite && !other.CanSeek) throw InvalidStreamResource(fn);
                    PhpWarnings.Warn($"{fn}(): Cannot represent a stream of type {StreamTypeName(other)} as a Socket Descriptor");
                    return null;
            }
        }
        return ImportDescriptor(fn, handle, link, ownHandle);
    }

    /// <summary>socket_import_file_descriptor: the family from SO_DOMAIN (or getsockname), the blocking flag from fcntl.</summary>
    private static unsafe Socket? ImportDescriptor(string function, SafeFdHandle handle, SocketLink link, bool ownHandle)
    {
        int family = 0, size = sizeof(int);
        if (Libc.GetSockOpt(handle, SOL_SOCKET, SO_DOMAIN_OPTION, &family, &size) != 0)
        {
            SockAddrStorage storage = default;
            int length = SockAddrStorage.Size;
            if (Libc.GetSockName(handle, (byte*)&storage, &length) != 0)
                return ImportFailed(function, "Unable to obtain socket family", handle, ownHandle);
            family = SocketAddress.Family(storage);
        }
        int flags = Libc.Fcntl(handle, Libc.F_GETFL, 0);
        if (flags == -1) return ImportFailed(function, "Unable to obtain blocking state", handle, ownHandle);
        return new Socket(handle, family) { Blocking = (flags & Libc.O_NONBLOCK) == 0, Link = link };
    }

    /// <summary>
    /// PHP records the error on the Socket it then drops (global value only). It would also close the
    /// stream's descriptor there; PhpSockets closes only a duplicate it made itself.
    /// </summary>
    private static Socket? ImportFailed(string function, string message, SafeFdHandle handle, bool ownHandle)
    {
        SocketErrors.Record(null, function, message, SocketErrors.Errno());
        if (ownHandle) handle.Dispose();
        return null;
    }

    private static PhpTypeError NotAResource(string function, object? value) =>
        new($"{function}(): Argument #1 ($stream) must be of type resource, {PhpValues.TypeName(value)} given");

    private static PhpTypeError InvalidStreamResource(string function) =>
        new($"{function}(): supplied resource is not a valid stream resource");

    /// <summary>The name PHP's stream layer gives the stream's kind, for the streams PHP has; otherwise the .NET type's name.</summary>
    private static string StreamTypeName(Stream stream) => stream switch
    {
        FileStream => "STDIO",
        MemoryStream or UnmanagedMemoryStream => "MEMORY",
        _ => stream.GetType().Name,
    };
}
