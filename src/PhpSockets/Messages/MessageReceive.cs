using System;
using System.Buffers;

namespace PhpSockets;

/// <summary>Turns what one recvmsg(2) left in the buffers into the caller's value, while the buffers still exist.</summary>
internal delegate void FrameReader<T>(in ReceivedFrame frame, out T result);

/// <summary>
/// One recvmsg(2) with buffers of the sizes asked for, as socket_recvmsg makes it: an address room
/// of the family's size, one data buffer, one control buffer; the error plumbing of socket_recvmsg
/// (global last error only, and a warning even for EAGAIN).
/// </summary>
internal static class MessageReceive
{
    /// <summary>
    /// More control room than this is never filled by Linux (SCM_RIGHTS carries at most 253
    /// descriptors), so a larger controllen is offered as this much: PHP allocates it all.
    /// </summary>
    private const int MaxControlLength = 64 * 1024;

    private const int StackControlLength = 512;

    /// <summary>recvmsg into a buffer of <paramref name="bufferSize"/> bytes (PHP's buffer_size).</summary>
    internal static int? Run<T>(Socket socket, string function, int nameLength, int bufferSize, uint controlLength, int flags, out T? result, FrameReader<T> reader)
    {
        using var buffer = new ReceiveBuffer(bufferSize);
        return Run(socket, function, nameLength, buffer.Span, controlLength, flags, out result, reader);
    }

    /// <summary>recvmsg into <paramref name="buffer"/>: the byte count, with <paramref name="result"/> from <paramref name="reader"/>; null after the failure is reported.</summary>
    internal static int? Run<T>(Socket socket, string function, int nameLength, Span<byte> buffer, uint controlLength, int flags, out T? result, FrameReader<T> reader)
    {
        result = default;
        SockAddrStorage name = default;
        int control = (int)Math.Min(controlLength, MaxControlLength);
        byte[]? rentedControl = null;
        Span<byte> controlBuffer = control <= StackControlLength
            ? stackalloc byte[StackControlLength]
            : (rentedControl = ArrayPool<byte>.Shared.Rent(control));
        try
        {
            ReceivedFrame frame = ReceivedFrame.Receive(socket.Handle, name, Math.Min(nameLength, SockAddrStorage.Size), buffer, controlBuffer[..control], flags, out int errno);
            if (frame.Count < 0)
            {
                SocketErrors.RecordGlobal(function, "Error in recvmsg", errno);
                return null;
            }
            try
            {
                reader(frame, out result);
            }
            catch (OutOfMemoryException)
            {
                throw ReceiveBuffer.MemoryExhausted(frame.Count);
            }
            return (int)frame.Count;
        }
        finally
        {
            if (rentedControl is not null) ArrayPool<byte>.Shared.Return(rentedControl);
        }
    }
}
