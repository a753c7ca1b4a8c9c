using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_atmark(Socket $socket): bool</c>, as PHP 8.3 adds it (PHP 8.2 has no such function):
    /// sockatmark(3), whether the next byte to read is at the out-of-band mark. False when not, or
    /// on failure with the warning <c>Unable to apply sockmark</c> and the errno recorded on the
    /// socket and globally (e.g. ENOTTY on a socket that has no mark, such as UDP or AF_UNIX).
    /// </summary>
    public static bool socket_atmark(Socket socket)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_atmark));
        int result = Libc.SockAtMark(socket.Handle);
        if (result < 0)
        {
            SocketErrors.Record(socket, nameof(socket_atmark), "Unable to apply sockmark", SocketErrors.Errno());
            return false;
        }
        return result != 0;
    }
}
