using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_addrinfo_lookup(string $host, ?string $service = null, array $hints = []): array|false</c>:
    /// getaddrinfo(3). <paramref name="hints"/> may hold the keys <c>ai_flags</c>, <c>ai_socktype</c>,
    /// <c>ai_protocol</c> and <c>ai_family</c>, each read as an integer and cut to a C int; integer keys
    /// are ignored (so a plain list is), any other string key throws PHP's ValueError. Host and service
    /// reach the resolver as C strings (up to a NUL byte); "" is a host, not "no host". Failure of any
    /// kind gives null, with no warning and no change to the last error. Success: the entries, in the
    /// resolver's order, except any of family AF_UNSPEC.
    /// </summary>
    public static unsafe AddressInfo[]? socket_addrinfo_lookup(PhpString host, PhpString? service = null, PhpArray? hints = null)
    {
        AddrInfo request = ReadHints(hints);
        byte[]? hostBuffer = null, serviceBuffer = null;
        Span<byte> hostText = SocketAddress.NulTerminated(host.Span, stackalloc byte[256], ref hostBuffer);
        Span<byte> serviceText = service is { } s ? SocketAddress.NulTerminated(s.Span, stackalloc byte[64], ref serviceBuffer) : default;
        AddrInfo* result = null;
        fixed (byte* node = hostText)
        fixed (byte* port = serviceText)
        {
            if (Libc.GetAddrInfo(node, service is null ? null : port, &request, &result) != 0) return null;
        }
        try
        {
            var entries = new List<AddressInfo>();
            for (AddrInfo* entry = result; entry != null; entry = entry->Next)
            {
                if (entry->Family == AF_UNSPEC_VALUE) continue;
                string? canonicalName = entry->CanonName == null ? null : Marshal.PtrToStringUTF8((nint)entry->CanonName);
                entries.Add(new AddressInfo(entry->Flags, entry->Family, entry->SockType, entry->Protocol,
                    new ReadOnlySpan<byte>(entry->Addr, (int)entry->AddrLen), canonicalName));
            }
            return entries.ToArray();
        }
        finally
        {
            Libc.FreeAddrInfo(result);
        }
    }

    /// <summary>
    /// <c>socket_addrinfo_bind(AddressInfo $address): Socket|false</c>: a new socket of the entry's family,
    /// type and protocol, bound to its address; not listening, no SO_REUSEADDR. An AF_UNIX entry gives
    /// null silently (PHP refuses them "for security reasons"). A failed socket(2) warns
    /// <c>Unable to create socket</c>, a failed bind(2) <c>Unable to bind address</c>; either way the
    /// errno is the global last error only, and the result is null.
    /// </summary>
    public static Socket? socket_addrinfo_bind(AddressInfo address) =>
        CreateFromAddressInfo(address, nameof(socket_addrinfo_bind), connect: false);

    /// <summary>
    /// <c>socket_addrinfo_connect(AddressInfo $address): Socket|false</c>: a new socket of the entry's
    /// family, type and protocol, connected (blocking) to its address. An AF_UNIX entry gives null
    /// silently. Failure: <c>Unable to create socket</c> or <c>Unable to connect address</c>, the
    /// global last error, and null.
    /// </summary>
    public static Socket? socket_addrinfo_connect(AddressInfo address) =>
        CreateFromAddressInfo(address, nameof(socket_addrinfo_connect), connect: true);

    /// <summary>
    /// <c>socket_addrinfo_explain(AddressInfo $address): array</c>: the entry as an array with PHP's keys
    /// in PHP's order: <c>ai_flags</c>, <c>ai_family</c>, <c>ai_socktype</c>, <c>ai_protocol</c>,
    /// <c>ai_canonname</c> (only when set), and <c>ai_addr</c>: <c>[sin_port, sin_addr]</c> for AF_INET,
    /// <c>[sin6_port, sin6_addr]</c> for AF_INET6, <c>[]</c> otherwise.
    /// </summary>
    public static PhpArray socket_addrinfo_explain(AddressInfo address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var result = new PhpArray
        {
            ["ai_flags"] = (long)address.Flags,
            ["ai_family"] = (long)address.Family,
            ["ai_socktype"] = (long)address.SocketType,
            ["ai_protocol"] = (long)address.Protocol,
        };
        if (address.CanonicalName is { } name) result["ai_canonname"] = (PhpString)name;
        var socketAddress = new PhpArray();
        if (address.Family == AF_INET && address.RawAddress.Length >= SocketAddress.InetSize)
        {
            socketAddress["sin_port"] = (long)address.Port;
            socketAddress["sin_addr"] = (PhpString)SocketAddress.InetText(address.RawAddress);
        }
        else if (address.Family == AF_INET6 && address.RawAddress.Length >= SocketAddress.Inet6Size)
        {
            socketAddress["sin6_port"] = (long)address.Port;
            socketAddress["sin6_addr"] = (PhpString)SocketAddress.InetText(address.RawAddress);
        }
        result["ai_addr"] = socketAddress;
        return result;
    }

    private const int AF_UNSPEC_VALUE = 0;

    /// <summary>PHP's hints parsing: string keys only, each value through zval_get_long and a C int cast.</summary>
    private static AddrInfo ReadHints(PhpArray? hints)
    {
        AddrInfo request = default;
        if (hints is null) return request;
        foreach (KeyValuePair<object, object?> hint in hints)
        {
            if (hint.Key is not string key) continue;
            int value = unchecked((int)PhpValues.ToLong(hint.Value));
            switch (key)
            {
                case "ai_flags": request.Flags = value; break;
                case "ai_socktype": request.SockType = value; break;
                case "ai_protocol": request.Protocol = value; break;
                case "ai_family": request.Family = value; break;
                default:
                    throw new PhpValueError("socket_addrinfo_lookup(): Argument #3 ($hints) must only contain array keys \"ai_flags\", \"ai_socktype\", \"ai_protocol\", or \"ai_family\"");
            }
        }
        return request;
    }

    private static unsafe Socket? CreateFromAddressInfo(AddressInfo address, string function, bool connect)
    {
        ArgumentNullException.ThrowIfNull(address);
        int fd = Libc.Socket(address.Family, address.SocketType, address.Protocol);
        if (fd < 0)
        {
            SocketErrors.RecordGlobal(function, "Unable to create socket", SocketErrors.Errno());
            return null;
        }
        var handle = new SafeFdHandle(fd, ownsHandle: true);
        switch (address.Family)
        {
            case AF_UNIX:
                // PHP leaves AF_UNIX entries unimplemented "for security reasons", and says nothing.
                handle.Dispose();
                return null;
            case AF_INET:
            case AF_INET6:
                break;
            default:
                handle.Dispose();
                throw connect
                    ? new PhpValueError($"{function}(): Argument #1 ($address) socket type must be one of AF_UNIX, AF_INET, or AF_INET6")
                    : SocketErrors.UnsupportedFamily(function, 1, "address");
        }
        int status;
        fixed (byte* sa = address.RawAddress)
        {
            int length = address.RawAddress.Length;
            status = connect ? Libc.Connect(handle, sa, length) : Libc.Bind(handle, sa, length);
        }
        if (status != 0)
        {
            // PHP records it on the new Socket, which it then drops: only the global value remains.
            SocketErrors.Record(null, function, connect ? "Unable to connect address" : "Unable to bind address", SocketErrors.Errno());
            handle.Dispose();
            return null;
        }
        return new Socket(handle, address.Family);
    }
}
