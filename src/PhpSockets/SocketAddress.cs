using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>A struct sockaddr_storage (128 bytes) on the stack: room for any address the kernel returns.</summary>
[InlineArray(Size)]
internal struct SockAddrStorage
{
    internal const int Size = 128;
    private byte _first;
}

/// <summary>
/// Encoders and decoders for sockaddr_in (16 bytes), sockaddr_in6 (28 bytes, with scope id) and
/// sockaddr_un (2 + up to 108 bytes, paths and abstract names). Families and ports in host order
/// at the API, network order in the bytes, as the kernel wants.
/// </summary>
internal static unsafe class SocketAddress
{
    internal const int AF_UNIX = 1;
    internal const int AF_INET = 2;
    internal const int AF_INET6 = 10;
    internal const int InetSize = 16;
    internal const int Inet6Size = 28;
    internal const int UnixPathOffset = 2;
    internal const int UnixPathMax = 108;

    internal static int Family(ReadOnlySpan<byte> sa) => sa.Length < 2 ? 0 : MemoryMarshal.Read<ushort>(sa);

    internal static int EncodeInet(Span<byte> sa, ReadOnlySpan<byte> address4, ushort port)
    {
        sa[..InetSize].Clear();
        MemoryMarshal.Write(sa, (ushort)AF_INET);
        BinaryPrimitives.WriteUInt16BigEndian(sa[2..], port);
        address4.CopyTo(sa[4..8]);
        return InetSize;
    }

    internal static int EncodeInet6(Span<byte> sa, ReadOnlySpan<byte> address16, ushort port, uint scopeId)
    {
        sa[..Inet6Size].Clear();
        MemoryMarshal.Write(sa, (ushort)AF_INET6);
        BinaryPrimitives.WriteUInt16BigEndian(sa[2..], port);
        address16.CopyTo(sa[8..24]);
        MemoryMarshal.Write(sa[24..], scopeId);
        return Inet6Size;
    }

    /// <summary>sockaddr_un with the path's exact bytes (abstract names keep their leading NUL): offsetof(sun_path) + length.</summary>
    internal static int EncodeUnix(Span<byte> sa, ReadOnlySpan<byte> path)
    {
        sa[..(UnixPathOffset + UnixPathMax)].Clear();
        MemoryMarshal.Write(sa, (ushort)AF_UNIX);
        path.CopyTo(sa[UnixPathOffset..]);
        return UnixPathOffset + path.Length;
    }

    /// <summary>sockaddr_un from the path read as a C string and cut to 107 bytes, length SUN_LEN (socket_sendto's way).</summary>
    internal static int EncodeUnixCString(Span<byte> sa, ReadOnlySpan<byte> path)
    {
        ReadOnlySpan<byte> c = CString(path);
        if (c.Length > UnixPathMax - 1) c = c[..(UnixPathMax - 1)];
        return EncodeUnix(sa, c);
    }

    internal static ushort Port(ReadOnlySpan<byte> sa) => BinaryPrimitives.ReadUInt16BigEndian(sa[2..]);

    /// <summary>inet_ntop's text of the sockaddr_in or sockaddr_in6 address.</summary>
    internal static string InetText(ReadOnlySpan<byte> sa)
    {
        int family = Family(sa);
        ReadOnlySpan<byte> raw = family == AF_INET6 ? sa[8..24] : sa[4..8];
        byte* text = stackalloc byte[64];
        fixed (byte* src = raw)
        {
            return Libc.InetNtop(family, src, text, 64) == null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";
        }
    }

    /// <summary>sun_path read as a C string, within the length the kernel returned.</summary>
    internal static byte[] UnixPath(ReadOnlySpan<byte> sa, int length)
    {
        if (length <= UnixPathOffset) return [];
        int end = Math.Min(length, UnixPathOffset + UnixPathMax);
        return CString(sa[UnixPathOffset..end]).ToArray();
    }

    /// <summary>
    /// <paramref name="text"/> as a C function sees it (up to its first NUL), NUL-terminated: in
    /// <paramref name="small"/> when it fits, else in a new array left in <paramref name="large"/>.
    /// </summary>
    internal static Span<byte> NulTerminated(ReadOnlySpan<byte> text, Span<byte> small, ref byte[]? large)
    {
        ReadOnlySpan<byte> c = CString(text);
        Span<byte> buffer = c.Length < small.Length ? small : (large = new byte[c.Length + 1]);
        c.CopyTo(buffer);
        buffer[c.Length] = 0;
        return buffer[..(c.Length + 1)];
    }

    /// <summary>The bytes before the first NUL: what a C function sees of a PHP string.</summary>
    internal static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        return nul < 0 ? bytes : bytes[..nul];
    }
}
