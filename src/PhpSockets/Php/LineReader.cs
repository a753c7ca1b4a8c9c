using System;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// socket_read's PHP_NORMAL_READ. PHP reads one byte per recv(2) until "\n" or "\r" (included) or
/// the length, so nothing past the line end leaves the kernel. On stream sockets this peeks a chunk,
/// finds the line end in it and takes exactly that far: the same bytes consumed, far fewer calls.
/// On datagram and seqpacket sockets every recv consumes a whole datagram, so PHP's byte-per-recv
/// loop is kept there as it is.
/// </summary>
internal static class LineReader
{
    private const int MSG_PEEK = 2;

    /// <summary>PHP's php_read fails with ECONNRESET once 200 of its reads (in a row or not) returned nothing.</summary>
    private const int EmptyReadLimit = 200;

    /// <summary>The line's byte count; -1 with errno set (ECONNRESET at end of stream in blocking mode, as PHP).</summary>
    internal static int Read(Socket socket, Span<byte> buffer)
    {
        if (socket.SocketType == 0) socket.SocketType = ReadSocketType(socket);
        return socket.SocketType == SocketFunctions.SOCK_STREAM ? ReadStream(socket, buffer) : ReadPerByte(socket, buffer);
    }

    private static int ReadStream(Socket socket, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            Span<byte> free = buffer[total..];
            int peeked = SocketFunctions.Receive(socket, free, MSG_PEEK);
            if (peeked < 0) return NoData(total);
            if (peeked == 0) return EndOfStream(socket, total);
            int end = free[..peeked].IndexOfAny((byte)'\n', (byte)'\r');
            int take = end < 0 ? peeked : end + 1;
            if (!Consume(socket, free[..take])) return -1;
            total += take;
            if (end >= 0) break;
        }
        return total;
    }

    /// <summary>Takes from the kernel exactly the bytes already peeked into <paramref name="peeked"/>.</summary>
    private static bool Consume(Socket socket, Span<byte> peeked)
    {
        while (!peeked.IsEmpty)
        {
            int got = SocketFunctions.Receive(socket, peeked, 0);
            if (got < 0) return false;
            if (got == 0)
            {
                // Bytes peeked a moment ago are gone (another reader took them): a failure with no errno.
                Marshal.SetLastPInvokeError(0);
                return false;
            }
            peeked = peeked[got..];
        }
        return true;
    }

    private static int ReadPerByte(Socket socket, Span<byte> buffer)
    {
        int total = 0;
        int emptyReads = 0;
        while (total < buffer.Length)
        {
            int got = SocketFunctions.Receive(socket, buffer.Slice(total, 1), 0);
            if (got < 0) return NoData(total);
            if (got == 0)
            {
                // An empty datagram (or a seqpacket peer gone): PHP's loop counts the empty read and
                // reads on, giving up with ECONNRESET after 200; a non-blocking socket returns at once.
                if (!socket.Blocking || ++emptyReads >= EmptyReadLimit) return EndOfStream(socket, total);
                continue;
            }
            total++;
            if (buffer[total - 1] is (byte)'\n' or (byte)'\r') break;
        }
        return total;
    }

    /// <summary>
    /// recv failed. EAGAIN (a non-blocking socket, or SO_RCVTIMEO expired): PHP spins until data
    /// comes; here the partial line is returned, or -1 with EAGAIN when nothing came, so no byte
    /// taken from the kernel is lost (docs/divergences.md). Any other errno fails.
    /// </summary>
    private static int NoData(int total) =>
        Marshal.GetLastPInvokeError() == SocketErrors.EAGAIN && total > 0 ? total : -1;

    /// <summary>
    /// End of stream. PHP: a non-blocking socket returns what it has ("" when nothing); a blocking
    /// one gives up after 200 empty reads with ECONNRESET, dropping any partial line.
    /// </summary>
    private static int EndOfStream(Socket socket, int total)
    {
        if (!socket.Blocking) return total;
        Marshal.SetLastPInvokeError(SocketErrors.ECONNRESET);
        return -1;
    }

    private static unsafe int ReadSocketType(Socket socket)
    {
        int type = 0;
        int size = sizeof(int);
        return Libc.GetSockOpt(socket.Handle, SocketFunctions.SOL_SOCKET, SocketFunctions.SO_TYPE, &type, &size) == 0 ? type : SocketFunctions.SOCK_STREAM;
    }
}
