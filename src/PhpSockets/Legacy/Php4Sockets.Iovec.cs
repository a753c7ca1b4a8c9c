using System;

namespace PhpSockets.Legacy;

// PHP 4.0's names of the iovec family. They share the bodies of SocketFunctions' socket_iovec_*
// (same checks, warnings naming these functions), and readv/writev return a count or -errno as
// everything else here does.
public static partial class Php4Sockets
{
    /// <summary><c>resource build_iovec(int num_vectors [, int ...])</c>: as <see cref="SocketFunctions.socket_iovec_alloc"/>.</summary>
    public static IoVector? build_iovec(long num_vectors, params long[] lengths) =>
        SocketFunctions.IovecAlloc(nameof(build_iovec), num_vectors, lengths);

    /// <summary><c>string fetch_iovec(resource iovec_id, int iovec_position)</c>: as <see cref="SocketFunctions.socket_iovec_fetch"/>.</summary>
    public static PhpString fetch_iovec(IoVector iovec_id, long iovec_position) =>
        SocketFunctions.IovecFetch(nameof(fetch_iovec), Live(nameof(fetch_iovec), iovec_id), iovec_position);

    /// <summary><c>bool set_iovec(resource iovec_id, int iovec_position, string new_val)</c>: as <see cref="SocketFunctions.socket_iovec_set"/>.</summary>
    public static bool set_iovec(IoVector iovec_id, long iovec_position, PhpString new_val) =>
        SocketFunctions.IovecSet(nameof(set_iovec), Live(nameof(set_iovec), iovec_id), iovec_position, new_val);

    /// <summary><c>bool add_iovec(resource iovec_id, int iov_len)</c>: as <see cref="SocketFunctions.socket_iovec_add"/>.</summary>
    public static bool add_iovec(IoVector iovec_id, long iov_len) =>
        SocketFunctions.IovecAdd(nameof(add_iovec), Live(nameof(add_iovec), iovec_id), iov_len);

    /// <summary><c>bool delete_iovec(resource iovec_id, int iov_pos)</c>: as <see cref="SocketFunctions.socket_iovec_delete"/>.</summary>
    public static bool delete_iovec(IoVector iovec_id, long iov_pos) =>
        SocketFunctions.IovecDelete(nameof(delete_iovec), Live(nameof(delete_iovec), iovec_id), iov_pos);

    /// <summary><c>bool free_iovec(resource iovec_id)</c>: as <see cref="SocketFunctions.socket_iovec_free"/>.</summary>
    public static bool free_iovec(IoVector iovec_id) =>
        SocketFunctions.IovecFree(nameof(free_iovec), Live(nameof(free_iovec), iovec_id));

    /// <summary>
    /// <c>int readv(int fd, resource iovec_id)</c>: one readv(2) into the vector's buffers; the byte
    /// count (0 at end of stream), or -errno. A freed vector throws PHP's Error.
    /// </summary>
    public static int readv(int fd, IoVector iovec_id) => Scatter(nameof(readv), fd, iovec_id, write: false);

    /// <summary><c>int writev(int fd, resource iovec_id)</c>: one writev(2) of the vector's buffers; the byte count, or -errno.</summary>
    public static int writev(int fd, IoVector iovec_id) => Scatter(nameof(writev), fd, iovec_id, write: true);

    /// <summary>PHP 4.0 named the vector parameter $iovec_id: the freed-vector Error says so.</summary>
    private static IoVector Live(string function, IoVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return vector.EnsureLive(function, 1, "iovec_id");
    }

    private static int Scatter(string function, int fd, IoVector vector, bool write)
    {
        ArgumentNullException.ThrowIfNull(vector);
        vector.EnsureLive(function, 2, "iovec_id");
        return Result(vector.Transfer(Fd(fd), write));
    }
}
