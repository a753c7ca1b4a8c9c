using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

/// <summary>struct hostent (32 bytes on 64-bit Linux).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct HostEnt
{
    internal byte* Name;
    internal byte** Aliases;
    internal int AddrType;
    internal int Length;
    internal byte** AddrList;
}

/// <summary>struct addrinfo (48 bytes on 64-bit Linux).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct AddrInfo
{
    internal int Flags;
    internal int Family;
    internal int SockType;
    internal int Protocol;
    internal uint AddrLen;
    internal byte* Addr;
    internal byte* CanonName;
    internal AddrInfo* Next;
}

internal static unsafe partial class Libc
{
    /// <summary>inet_pton(3): 1 on success, 0 for text that is not an address.</summary>
    [LibraryImport(Name, EntryPoint = "inet_pton")]
    internal static partial int InetPton(int family, byte* text, byte* dst);

    /// <summary>inet_ntop(3).</summary>
    [LibraryImport(Name, EntryPoint = "inet_ntop")]
    internal static partial byte* InetNtop(int family, byte* src, byte* dst, int size);

    /// <summary>gethostbyname_r(3), the thread-safe form of the gethostbyname PHP calls.</summary>
    [LibraryImport(Name, EntryPoint = "gethostbyname_r")]
    internal static partial int GetHostByNameR(byte* name, HostEnt* ret, byte* buf, nuint bufLen, HostEnt** result, int* hErrno);

    /// <summary>getaddrinfo(3).</summary>
    [LibraryImport(Name, EntryPoint = "getaddrinfo")]
    internal static partial int GetAddrInfo(byte* node, byte* service, AddrInfo* hints, AddrInfo** result);

    /// <summary>freeaddrinfo(3).</summary>
    [LibraryImport(Name, EntryPoint = "freeaddrinfo")]
    internal static partial void FreeAddrInfo(AddrInfo* info);

    /// <summary>The address of this thread's h_errno (glibc).</summary>
    [LibraryImport(Name, EntryPoint = "__h_errno_location")]
    internal static partial int* HErrnoLocation();

    /// <summary>if_nametoindex(3): 0 when no interface has that name.</summary>
    [LibraryImport(Name, EntryPoint = "if_nametoindex")]
    internal static partial uint IfNameToIndex(byte* name);

    /// <summary>strerror(3): glibc's text (its buffer for unknown codes is per thread).</summary>
    [LibraryImport(Name, EntryPoint = "strerror")]
    internal static partial byte* StrError(int errnum);

    /// <summary>hstrerror(3): glibc's resolver error text.</summary>
    [LibraryImport(Name, EntryPoint = "hstrerror")]
    internal static partial byte* HStrError(int err);
}
