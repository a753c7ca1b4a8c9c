using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// PHP 4's "Socket I/O vector" resource: an ordered list of byte buffers, each of its own length,
/// that <c>socket_readv</c> fills and <c>socket_writev</c> sends as one scatter/gather call
/// (readv(2)/writev(2)). Made by <c>socket_iovec_alloc</c> and changed by the other
/// <c>socket_iovec_*</c> functions; PHP 5 removed the family, so PhpSockets follows the PHP 4
/// manual's promises rather than PHP 4's code (see <c>SocketFunctions.Iovec.cs</c>).
/// From C# it reads as a list of <see cref="PhpString"/>s. Not safe for use from two threads at
/// once; misuse cannot corrupt memory, it only gives unspecified contents.
/// </summary>
public sealed class IoVector : IReadOnlyList<PhpString>
{
    /// <summary>PHP 4.3's bound on a buffer's length at allocation (1 MiB).</summary>
    internal const int MaxBufferLength = 1048576;

    // Buffers live on the pinned object heap so that readv/writev can take their addresses
    // without a pinning handle each; an empty buffer points here (the kernel gets no null base).
    private static readonly byte[] s_emptyTarget = GC.AllocateArray<byte>(1, pinned: true);

    private readonly List<byte[]> _buffers;
    private bool _freed;

    internal IoVector(List<byte[]> buffers) => _buffers = buffers;

    /// <summary>The number of buffers.</summary>
    /// <exception cref="ObjectDisposedException">After <c>socket_iovec_free</c>.</exception>
    public int Count => Live._buffers.Count;

    /// <summary>A copy of buffer <paramref name="index"/>, all of its length (what <c>socket_iovec_fetch</c> returns).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No buffer has that index.</exception>
    /// <exception cref="ObjectDisposedException">After <c>socket_iovec_free</c>.</exception>
    public PhpString this[int index] => new(Live._buffers[index].AsSpan());

    /// <summary>The sum of the buffers' lengths: the most one <c>socket_readv</c> can take.</summary>
    public long TotalLength
    {
        get
        {
            long total = 0;
            foreach (byte[] buffer in Live._buffers) total += buffer.Length;
            return total;
        }
    }

    /// <summary>
    /// The bytes that the last successful <c>socket_readv</c> or <c>socket_writev</c> on this vector
    /// moved (0 at end of stream): those functions return only true, as PHP's manual says, so
    /// this is where the count is kept. Buffers are filled in order, so after a short read the
    /// first bytes of the vector, across buffers, are the ones read.
    /// </summary>
    public long BytesTransferred { get; private set; }

    /// <summary>True once <c>socket_iovec_free</c> has run on it.</summary>
    public bool IsFreed => _freed;

    /// <summary>Copies of the buffers, in order.</summary>
    public IEnumerator<PhpString> GetEnumerator()
    {
        foreach (byte[] buffer in Live._buffers) yield return new PhpString(buffer.AsSpan());
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IoVector Live => _freed ? throw new ObjectDisposedException(nameof(IoVector), "The I/O vector has been freed by socket_iovec_free.") : this;

    /// <summary>A zero-filled buffer that will not move (PHP 4 handed out uninitialised memory).</summary>
    internal static byte[] NewBuffer(int length) => GC.AllocateArray<byte>(length, pinned: true);

    /// <summary>Throws PHP's Error when the PHP function <paramref name="function"/> gets a freed vector.</summary>
    internal IoVector EnsureLive(string function, int argument, string name) =>
        _freed ? throw new PhpError($"{function}(): Argument #{argument} (${name}) has already been freed") : this;

    internal int BufferCount => _buffers.Count;

    internal byte[] Buffer(int position) => _buffers[position];

    internal void Append(int length) => _buffers.Add(NewBuffer(length));

    internal void RemoveAt(int position) => _buffers.RemoveAt(position);

    internal void Replace(int position, ReadOnlySpan<byte> value)
    {
        byte[] buffer = NewBuffer(value.Length);
        value.CopyTo(buffer);
        _buffers[position] = buffer;
    }

    internal void Free()
    {
        _freed = true;
        _buffers.Clear();
    }

    /// <summary>
    /// One readv(2) or writev(2) of all the buffers on <paramref name="fd"/>: the byte count, or -1
    /// with errno left for the caller. Records the count in <see cref="BytesTransferred"/>.
    /// </summary>
    internal unsafe nint Transfer(SafeFdHandle fd, bool write)
    {
        // A snapshot keeps every buffer reachable for the whole call, even if another thread
        // replaces or deletes one meanwhile: the kernel never writes into collected memory.
        byte[][] buffers = _buffers.ToArray();
        const int stackLimit = 8; // Linux's UIO_FASTIOV, as dotnet/runtime uses
        Span<IoVec> iov = buffers.Length <= stackLimit ? stackalloc IoVec[stackLimit] : new IoVec[buffers.Length];
        for (int i = 0; i < buffers.Length; i++)
        {
            byte[] target = buffers[i].Length == 0 ? s_emptyTarget : buffers[i];
            iov[i].Base = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(target));
            iov[i].Length = (nuint)buffers[i].Length;
        }
        nint result;
        fixed (IoVec* p = iov)
        {
            result = write ? Libc.WriteV(fd, p, buffers.Length) : Libc.ReadV(fd, p, buffers.Length);
        }
        GC.KeepAlive(buffers);
        if (result >= 0) BytesTransferred = result;
        return result;
    }
}
