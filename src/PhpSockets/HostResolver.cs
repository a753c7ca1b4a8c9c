using System;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>How a host string turned into an address.</summary>
internal enum LookupOutcome
{
    /// <summary>The address is in the output.</summary>
    Resolved,
    /// <summary>The resolver failed: the error code is -10000 - h_errno.</summary>
    HostError,
    /// <summary>The resolver answered with another family (PHP warns without an error code).</summary>
    WrongFamily,
}

/// <summary>
/// PHP's address-string rules (php_set_inet_addr / php_set_inet6_addr): a numeric address first,
/// then the system resolver; failures as -10000 - h_errno; for IPv6 a %scope suffix.
/// </summary>
internal static unsafe class HostResolver
{
    private const int MaxFqdnLength = 255;
    private const int AI_V4MAPPED = 0x08;
    private const int AI_ADDRCONFIG = 0x20;

    /// <summary>Resolves <paramref name="host"/> for an AF_INET socket into 4 address bytes.</summary>
    internal static LookupOutcome ResolveInet(ReadOnlySpan<byte> host, Span<byte> address4, out int errorCode)
    {
        errorCode = 0;
        Span<byte> name = stackalloc byte[Math.Min(host.Length, 4096) + 1];
        int length = ToCString(host, name);
        fixed (byte* n = name)
        fixed (byte* dst = address4)
        {
            if (Libc.InetPton(SocketAddress.AF_INET, n, dst) == 1) return LookupOutcome.Resolved;
            int* hErrno = Libc.HErrnoLocation();
            if (length > MaxFqdnLength)
            {
                // PHP does not call the resolver then, and reports whatever h_errno holds from before.
                errorCode = -10000 - *hErrno;
                return LookupOutcome.HostError;
            }
            HostEnt entry;
            HostEnt* result = null;
            int error = 0;
            const int bufferSize = 8192;
            byte* buffer = (byte*)NativeMemory.Alloc(bufferSize);
            try
            {
                Libc.GetHostByNameR(n, &entry, buffer, bufferSize, &result, &error);
                if (result == null)
                {
                    // PHP (gethostname_re) drops gethostbyname_r's own error and reports the thread's
                    // h_errno, which glibc leaves stale for some names (an IPv6 literal): do the same.
                    errorCode = -10000 - *hErrno;
                    return LookupOutcome.HostError;
                }
                if (result->AddrType != SocketAddress.AF_INET) return LookupOutcome.WrongFamily;
                new ReadOnlySpan<byte>(result->AddrList[0], 4).CopyTo(address4);
                return LookupOutcome.Resolved;
            }
            finally
            {
                NativeMemory.Free(buffer);
            }
        }
    }

    /// <summary>
    /// Resolves <paramref name="host"/> for an AF_INET6 socket into 16 address bytes: IPv4 literals
    /// and names become v4-mapped (AI_V4MAPPED | AI_ADDRCONFIG).
    /// </summary>
    internal static LookupOutcome ResolveInet6(ReadOnlySpan<byte> host, Span<byte> address16, out int errorCode)
    {
        errorCode = 0;
        Span<byte> name = stackalloc byte[Math.Min(host.Length, 4096) + 1];
        ToCString(host, name);
        fixed (byte* n = name)
        fixed (byte* dst = address16)
        {
            if (Libc.InetPton(SocketAddress.AF_INET6, n, dst) == 1) return LookupOutcome.Resolved;
            AddrInfo hints = default;
            hints.Family = SocketAddress.AF_INET6;
            hints.Flags = AI_V4MAPPED | AI_ADDRCONFIG;
            AddrInfo* list = null;
            if (Libc.GetAddrInfo(n, null, &hints, &list) != 0 || list == null)
            {
                // PHP reports h_errno here although getaddrinfo does not set it: keep that.
                errorCode = -10000 - *Libc.HErrnoLocation();
                return LookupOutcome.HostError;
            }
            try
            {
                if (list->Family != SocketAddress.AF_INET6 || list->AddrLen != SocketAddress.Inet6Size) return LookupOutcome.WrongFamily;
                new ReadOnlySpan<byte>(list->Addr + 8, 16).CopyTo(address16);
                return LookupOutcome.Resolved;
            }
            finally
            {
                Libc.FreeAddrInfo(list);
            }
        }
    }

    /// <summary>
    /// The scope id that the text after '%' names: a positive number as it is, otherwise an interface
    /// name through if_nametoindex; 0 when absent. <paramref name="unknownInterface"/> is set when
    /// a name matched no interface (PHP warns).
    /// </summary>
    internal static uint ScopeId(ReadOnlySpan<byte> host, out string? unknownInterface)
    {
        unknownInterface = null;
        ReadOnlySpan<byte> c = SocketAddress.CString(host);
        int percent = c.IndexOf((byte)'%');
        if (percent < 0) return 0;
        ReadOnlySpan<byte> scope = c[(percent + 1)..];
        if (TryParseInteger(scope, out long number)) return number > 0 && number <= uint.MaxValue ? (uint)number : 0;
        uint index = NetworkInterfaces.IndexOfName(scope);
        if (index == 0) unknownInterface = System.Text.Encoding.UTF8.GetString(scope);
        return index;
    }

    private static bool TryParseInteger(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+')) { negative = text[0] == '-'; i = 1; }
        if (i >= text.Length) return false;
        for (; i < text.Length; i++)
        {
            if (text[i] < '0' || text[i] > '9') return false;
            value = value * 10 + (text[i] - '0');
            if (value > uint.MaxValue) value = uint.MaxValue + 1L;
        }
        if (negative) value = -value;
        return true;
    }

    /// <summary>Copies the C-string view of <paramref name="text"/> with a terminating NUL; returns its length.</summary>
    private static int ToCString(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        ReadOnlySpan<byte> c = SocketAddress.CString(text);
        if (c.Length > destination.Length - 1) c = c[..(destination.Length - 1)];
        c.CopyTo(destination);
        destination[c.Length] = 0;
        return c.Length;
    }
}
