using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

/// <summary>struct iovec (16 bytes on 64-bit Linux): one buffer of a scatter/gather array.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    internal byte* Base;
    internal nuint Length;
}

internal static unsafe partial class Libc
{
    /// <summary>The most buffers one readv/writev takes (Linux's UIO_MAXIOV); more gives EINVAL.</summary>
    internal const int IOV_MAX = 1024;

    /// <summary>readv(2): fills the buffers in order; the byte count, 0 at end of stream.</summary>
    [LibraryImport(Name, EntryPoint = "readv", SetLastError = true)]
    internal static partial nint ReadV(SafeFdHandle fd, IoVec* iov, int iovcnt);

    /// <summary>writev(2): writes the buffers in order as one write; the byte count.</summary>
    [LibraryImport(Name, EntryPoint = "writev", SetLastError = true)]
    internal static partial nint WriteV(SafeFdHandle fd, IoVec* iov, int iovcnt);
}
