using System;
using System.Collections.Generic;

namespace PhpSockets;

// The iovec family of PHP 4.1-4.4 (removed in PHP 5.0). PHP 8.2 lacks these functions, so the
// seed's manual page is the spec: each function quotes the sentence it follows. Where PHP 4's
// code broke that promise (readv/writev reporting success as failure, delete corrupting the
// vector, set cutting at the first NUL, off-by-one bounds) the promise wins; PHP 4.3's argument
// checks and warning texts are kept, in PHP 8's "function(): message" form.
public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_iovec_alloc(int $num_vectors, int ...$lengths): IoVector|false</c>: a vector of
    /// <paramref name="num_vectors"/> zero-filled buffers, buffer i being <c>lengths[i]</c> bytes long.
    /// A length below 1 or above 1048576 warns <c>vector N is invalid</c> (N counts from 1) and
    /// gives null. Fewer lengths than <paramref name="num_vectors"/>, or a negative count, throws
    /// ArgumentCountError <c>Wrong parameter count</c>; lengths beyond the count are ignored.
    /// </summary>
    // Seed: "socket_iovec_alloc -- ...]) Builds a 'struct iovec' for use with sendmsg, recvmsg, writev,
    // and readv"; PHP 4's doc comment: "First parameter is number of vectors, each additional
    // parameter is the length of the vector to create." Checks and texts as in PHP 4.3.11.
    public static IoVector? socket_iovec_alloc(long num_vectors, params long[] lengths) =>
        IovecAlloc(nameof(socket_iovec_alloc), num_vectors, lengths);

    /// <summary>
    /// <c>socket_iovec_fetch(IoVector $iovec, int $iovec_position): string</c>: a copy of buffer
    /// <paramref name="iovec_position"/>, all of its length, whatever bytes it holds. A position
    /// outside the vector warns and gives "".
    /// </summary>
    // Seed: "socket_iovec_fetch -- Returns the data held in the iovec specified by
    // iovec_id[iovec_position]". PHP 4.3's bound (position >= count, negatives included) and text.
    public static PhpString socket_iovec_fetch(IoVector iovec, long iovec_position) =>
        IovecFetch(nameof(socket_iovec_fetch), iovec, iovec_position);

    /// <summary>
    /// <c>socket_iovec_set(IoVector $iovec, int $iovec_position, string $new_val): bool</c>: buffer
    /// <paramref name="iovec_position"/> becomes a copy of all of <paramref name="new_val"/>, NUL bytes
    /// included, and takes its length. A position outside the vector warns and gives false.
    /// </summary>
    // Seed: "socket_iovec_set -- Sets the data held in iovec_id[iovec_position] to new_val": the data
    // becomes new_val, all of it. PHP 4 copied it as a C string, cutting at the first NUL; PHP
    // strings are binary, so that cut is not kept. The new length is new_val's, as in PHP 4.
    public static bool socket_iovec_set(IoVector iovec, long iovec_position, PhpString new_val) =>
        IovecSet(nameof(socket_iovec_set), iovec, iovec_position, new_val);

    /// <summary>
    /// <c>socket_iovec_add(IoVector $iovec, int $iov_len): bool</c>: appends a zero-filled buffer
    /// of <paramref name="iov_len"/> bytes. A length below 1 or above 1048576 gives false silently.
    /// </summary>
    // Seed: "socket_iovec_add -- Adds a new vector to the scatter/gather array". PHP 4.3 refused
    // lengths below 1 without a warning; the upper bound is socket_iovec_alloc's.
    public static bool socket_iovec_add(IoVector iovec, long iov_len) =>
        IovecAdd(nameof(socket_iovec_add), iovec, iov_len);

    /// <summary>
    /// <c>socket_iovec_delete(IoVector $iovec, int $iov_pos): bool</c>: removes buffer
    /// <paramref name="iov_pos"/>; the later ones move down one place and the count drops by one.
    /// A position outside the vector warns and gives false.
    /// </summary>
    // Seed: "socket_iovec_delete -- Deletes a vector from an array of vectors": the vector is really
    // removed. PHP 4 copied in the wrong direction, installed an uninitialised array and kept the
    // count, and its bound (pos > count) let pos == count through; neither is kept.
    public static bool socket_iovec_delete(IoVector iovec, long iov_pos) =>
        IovecDelete(nameof(socket_iovec_delete), iovec, iov_pos);

    /// <summary>
    /// <c>socket_iovec_free(IoVector $iovec): bool</c>: releases the buffers; true. Any later use of
    /// the vector throws PHP's Error <c>... has already been freed</c>, a second free included.
    /// </summary>
    // Seed: "socket_iovec_free -- Frees the iovec specified by iovec_id".
    public static bool socket_iovec_free(IoVector iovec) => IovecFree(nameof(socket_iovec_free), iovec);

    /// <summary>
    /// <c>socket_readv(Socket $socket, IoVector $iovec_id): bool</c>: one readv(2) into the buffers, in
    /// order. True when it succeeded, a short read and end of stream (0 bytes) included; the count
    /// is <see cref="IoVector.BytesTransferred"/>. Failure: false through PHP_SOCKET_ERROR with
    /// <c>unable to read from socket</c> (no warning for EAGAIN).
    /// </summary>
    // Seed: "socket_readv -- Reads from an fd, using the scatter-gather array defined by iovec_id"; PHP
    // 4's prototype "bool socket_readv(resource socket, resource iovec_id)". PHP 4 tested the byte
    // count with "!= 0", so every read of one byte or more warned with a stale errno and returned
    // false; here false means that readv failed, and nothing else.
    public static bool socket_readv(Socket socket, IoVector iovec_id) =>
        Scatter(nameof(socket_readv), socket, iovec_id, write: false, "unable to read from socket");

    /// <summary>
    /// <c>socket_writev(Socket $socket, IoVector $iovec_id): bool</c>: one writev(2) of the buffers, in
    /// order. True when it succeeded (a short write is possible, as with socket_write; the count
    /// is <see cref="IoVector.BytesTransferred"/>). Failure: false through PHP_SOCKET_ERROR with
    /// <c>Unable to write to socket</c> (no warning for EAGAIN).
    /// </summary>
    // Seed: "socket_writev -- Writes to a file descriptor, fd, using the scatter-gather array defined by
    // iovec_id"; PHP 4's prototype "bool socket_writev(resource socket, resource iovec_id)". PHP 4's
    // inverted "!= 0" test is not kept, as for socket_readv.
    public static bool socket_writev(Socket socket, IoVector iovec_id) =>
        Scatter(nameof(socket_writev), socket, iovec_id, write: true, "Unable to write to socket");

    private static bool Scatter(string function, Socket socket, IoVector vector, bool write, string message)
    {
        SocketErrors.EnsureOpen(socket, function);
        ArgumentNullException.ThrowIfNull(vector);
        vector.EnsureLive(function, 2, "iovec_id");
        if (vector.Transfer(socket.Handle, write) >= 0) return true;
        SocketErrors.Record(socket, function, message, SocketErrors.Errno());
        return false;
    }

    // The bodies below are shared with the PHP 4.0 names (build_iovec, fetch_iovec, ...) of
    // PhpSockets.Legacy.Php4Sockets; `function` names the caller in messages.

    internal static IoVector? IovecAlloc(string function, long count, long[]? lengths)
    {
        lengths ??= [];
        // PHP 4.3: more than 65536 arguments, a negative count or too few lengths.
        if (count < 0 || lengths.Length < count || lengths.Length + 1 > 65536)
            throw new PhpArgumentCountError($"Wrong parameter count for {function}()");
        var buffers = new List<byte[]>((int)count);
        for (int i = 0; i < count; i++)
        {
            if (!IsValidBufferLength(lengths[i]))
            {
                PhpWarnings.Warn($"{function}(): vector {i + 1} is invalid");
                return null;
            }
            buffers.Add(IoVector.NewBuffer((int)lengths[i]));
        }
        return new IoVector(buffers);
    }

    internal static PhpString IovecFetch(string function, IoVector vector, long position)
    {
        Live(function, vector);
        if (position < 0 || position >= vector.BufferCount)
        {
            PhpWarnings.Warn($"{function}(): can't access a vector position past the amount of vectors set in the array");
            return PhpString.Empty;
        }
        return new PhpString(vector.Buffer((int)position).AsSpan());
    }

    internal static bool IovecSet(string function, IoVector vector, long position, PhpString value)
    {
        Live(function, vector);
        if (position < 0 || position >= vector.BufferCount)
        {
            PhpWarnings.Warn($"{function}(): can't access a vector position outside of the vector array bounds");
            return false;
        }
        vector.Replace((int)position, value.Span);
        return true;
    }

    internal static bool IovecAdd(string function, IoVector vector, long length)
    {
        Live(function, vector);
        if (!IsValidBufferLength(length)) return false;
        vector.Append((int)length);
        return true;
    }

    internal static bool IovecDelete(string function, IoVector vector, long position)
    {
        Live(function, vector);
        if (position < 0 || position >= vector.BufferCount)
        {
            PhpWarnings.Warn($"{function}(): can't delete an IO vector that is out of array bounds");
            return false;
        }
        vector.RemoveAt((int)position);
        return true;
    }

    internal static bool IovecFree(string function, IoVector vector)
    {
        Live(function, vector);
        vector.Free();
        return true;
    }

    private static void Live(string function, IoVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        vector.EnsureLive(function, 1, "iovec");
    }

    private static bool IsValidBufferLength(long length) => length is >= 1 and <= IoVector.MaxBufferLength;
}
