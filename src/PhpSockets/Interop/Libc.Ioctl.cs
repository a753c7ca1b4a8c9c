using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

/// <summary>The 16 bytes of an interface name (IFNAMSIZ), NUL-padded.</summary>
[InlineArray(Size)]
internal struct InterfaceName
{
    internal const int Size = 16;
    private byte _first;
}

/// <summary>
/// struct ifreq (40 bytes on 64-bit Linux): the interface name, then a 24-byte union of which the
/// interface requests here use <c>ifr_ifindex</c> (an int) and <c>ifr_addr</c> (a struct sockaddr).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct IfReq
{
    internal const int Size = 40;

    /// <summary>ifr_name.</summary>
    [FieldOffset(0)] internal InterfaceName Name;

    /// <summary>ifr_ifindex (SIOCGIFNAME's input, SIOCGIFINDEX's output).</summary>
    [FieldOffset(16)] internal int Index;

    /// <summary>ifr_addr.sa_family.</summary>
    [FieldOffset(16)] internal ushort AddressFamily;

    /// <summary>((struct sockaddr_in *)&amp;ifr_addr)->sin_addr, in network order as the kernel wrote it.</summary>
    [FieldOffset(20)] internal uint Inet4Address;
}

/// <summary>struct ifconf (16 bytes on 64-bit Linux): the buffer SIOCGIFCONF fills with ifreq entries.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IfConf
{
    /// <summary>ifc_len: the buffer's size in, the bytes used out.</summary>
    internal int Length;

    /// <summary>ifc_buf.</summary>
    internal byte* Buffer;
}

internal static unsafe partial class Libc
{
    /// <summary>SIOCGIFCONF: the list of interfaces that have an IPv4 address.</summary>
    internal const uint SIOCGIFCONF = 0x8912;

    /// <summary>SIOCGIFNAME: the name of the interface whose index is in ifr_ifindex.</summary>
    internal const uint SIOCGIFNAME = 0x8910;

    /// <summary>SIOCGIFADDR: the IPv4 address of the interface named in ifr_name.</summary>
    internal const uint SIOCGIFADDR = 0x8915;

    /// <summary>SIOCGIFINDEX: the index of the interface named in ifr_name.</summary>
    internal const uint SIOCGIFINDEX = 0x8933;

    /// <summary>
    /// ioctl(2) with a pointer argument (varargs pass a pointer in a register on x64 and arm64 Linux).
    /// See netdevice(7) for the interface requests.
    /// </summary>
    [LibraryImport(Name, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeFdHandle fd, nuint request, void* argument);
}
