using System.IO;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// What a Socket is linked to, as PHP links a Socket to a stream resource (<c>zstream</c>) through
/// socket_export_stream and socket_import_stream: socket_export_stream returns it again,
/// socket_close closes it, and once it is closed the Socket's calls fail with EBADF.
/// </summary>
internal abstract class SocketLink
{
    /// <summary>
    /// A handle of descriptor -1 that owns nothing: every libc call given it fails with EBADF, which
    /// is what PHP reports once the linked stream has closed the descriptor. Never disposed.
    /// </summary>
    private static readonly SafeFdHandle s_closedDescriptor = new(-1, ownsHandle: false);

    /// <summary>True once the linked stream (or .NET object) has been closed, by either side.</summary>
    internal abstract bool IsClosed { get; }

    /// <summary>Closes the linked stream (socket_close does this).</summary>
    internal abstract void Close();

    /// <summary>The stream socket_export_stream returns for a socket with this link.</summary>
    internal abstract Stream ExportedStream(SafeFdHandle socketHandle);

    /// <summary>
    /// The handle a linked socket's calls use: its own while the link is open; once it is closed,
    /// the socket's own descriptor is released and calls get the EBADF handle.
    /// </summary>
    internal SafeFdHandle HandleFor(SafeFdHandle own)
    {
        if (!own.IsClosed && !IsClosed) return own;
        own.Dispose();
        return s_closedDescriptor;
    }
}

/// <summary>The link between a Socket and a <see cref="SocketStream"/> sharing its descriptor handle.</summary>
internal sealed class SocketStreamLink(SocketStream stream) : SocketLink
{
    internal override bool IsClosed => stream.IsClosed;

    internal override void Close() => stream.Dispose();

    internal override Stream ExportedStream(SafeFdHandle socketHandle) => stream;
}
