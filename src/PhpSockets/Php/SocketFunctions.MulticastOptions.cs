using System;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>IP_MULTICAST_IF: the in_addr the kernel holds, mapped back to the index of the interface that has it.</summary>
    private static bool ReadMulticastInterface(string fn, Socket socket, long level, long option, out uint index)
    {
        index = 0;
        if (!Read(fn, socket, level, option, out uint address)) return false;
        switch (NetworkInterfaces.IndexOfIPv4(socket, address, out index, out int errno))
        {
            case InterfaceLookup.Found:
                return true;
            case InterfaceLookup.ListFailed:
                PhpWarnings.Warn($"{fn}(): Failed obtaining interfaces list: error {errno}");
                return false;
            case InterfaceLookup.IndexFailed:
                PhpWarnings.Warn($"{fn}(): Error converting interface name to index: error {errno}");
                return false;
            default:
                Span<byte> bytes = stackalloc byte[4];
                MemoryMarshal.Write(bytes, in address);
                PhpWarnings.Warn($"{fn}(): The interface with IP address {bytes[0]}.{bytes[1]}.{bytes[2]}.{bytes[3]} was not found");
                return false;
        }
    }

    /// <summary>IP_MULTICAST_IF from PHP's value: an interface (index or name), set as that interface's IPv4 address.</summary>
    private static bool SetIPv4MulticastInterface(string fn, Socket socket, long level, long option, object? value)
    {
        if (!InterfaceIndexFromValue(fn, value, out uint index)) return false;
        int error = NetworkInterfaces.IPv4AddressOf(socket, index, out uint address);
        if (error != 0)
        {
            PhpWarnings.Warn($"{fn}(): Failed obtaining address for interface {index}: error {error}");
            return false;
        }
        return Write(fn, socket, level, option, address);
    }

    private static bool IsSourceOperation(long option) =>
        option is MCAST_BLOCK_SOURCE or MCAST_UNBLOCK_SOURCE or MCAST_JOIN_SOURCE_GROUP or MCAST_LEAVE_SOURCE_GROUP;

    /// <summary>
    /// The MCAST_* options from PHP's value, in PHP's order: the value becomes an array; "group" is
    /// required and resolved at once; then "source" for the source-specific options; then the optional
    /// "interface".
    /// </summary>
    private static bool SetMulticast(string fn, Socket socket, long level, long option, object? value, ref PhpError? pending)
    {
        PhpArray request = OptionValue.ToArray(value);
        SockAddrStorage group = default, source = default;
        if (!request.TryGetValue("group", out object? groupValue)) throw new PhpValueError("No key \"group\" passed in optval");
        if (!ResolveMulticastAddress(fn, socket, OptionValue.ToPhpString(OptionValue.Normalize(groupValue), ref pending), ref group)) return false;
        bool withSource = IsSourceOperation(option);
        if (withSource)
        {
            if (!request.TryGetValue("source", out object? sourceValue)) throw new PhpValueError("No key \"source\" passed in optval");
            if (!ResolveMulticastAddress(fn, socket, OptionValue.ToPhpString(OptionValue.Normalize(sourceValue), ref pending), ref source)) return false;
        }
        uint index = 0;
        if (request.TryGetValue("interface", out object? interfaceValue) && !InterfaceIndexFromValue(fn, OptionValue.Normalize(interfaceValue), out index, ref pending))
            return false;
        return WriteMulticast(fn, socket, level, option, in group, in source, withSource, index);
    }

    /// <summary>setsockopt with a group_req, or a group_source_req for the source-specific options (RFC 3678).</summary>
    private static bool WriteMulticast(string fn, Socket socket, long level, long option, in SockAddrStorage group, in SockAddrStorage source, bool withSource, uint index)
    {
        if (withSource)
        {
            var request = new GroupSourceReq { Interface = index, Group = group, Source = source };
            return Write(fn, socket, level, option, in request);
        }
        var single = new GroupReq { Interface = index, Group = group };
        return Write(fn, socket, level, option, in single);
    }

    /// <summary>
    /// A group or source address, resolved by the socket's family (php_set_inet46_addr): port 0, and
    /// for IPv6 the %scope. False after PHP's warning.
    /// </summary>
    private static bool ResolveMulticastAddress(string fn, Socket socket, PhpString host, ref SockAddrStorage storage)
    {
        if (socket.Family is not (AF_INET or AF_INET6))
        {
            PhpWarnings.Warn($"{fn}(): IP address used in the context of an unexpected type of socket");
            return false;
        }
        Span<byte> raw = stackalloc byte[16];
        if (!InetAddressLookup.Resolve(fn, socket, host.Span, socket.Family == AF_INET6, raw)) return false;
        Span<byte> sa = storage;
        if (socket.Family == AF_INET)
        {
            SocketAddress.EncodeInet(sa, raw[..4], 0);
            return true;
        }
        SocketAddress.EncodeInet6(sa, raw, 0, InetAddressLookup.ScopeId(fn, host.Span));
        return true;
    }

    /// <summary>
    /// <see cref="InterfaceIndexFromValue(string, object?, out uint, ref PhpError?)"/> for a value that
    /// is the whole option: PHP's pending Error, if any, is thrown once the lookup is done.
    /// </summary>
    private static bool InterfaceIndexFromValue(string fn, object? value, out uint index)
    {
        PhpError? pending = null;
        bool found = InterfaceIndexFromValue(fn, value, out index, ref pending);
        ThrowPending(pending);
        return found;
    }

    /// <summary>
    /// An interface from PHP's value: an integer is an index (0..4294967295, else ValueError without a
    /// function prefix); anything else is converted to a string and looked up by name.
    /// </summary>
    private static bool InterfaceIndexFromValue(string fn, object? value, out uint index, ref PhpError? pending)
    {
        if (value is long number)
        {
            if (number is < 0 or > uint.MaxValue) throw new PhpValueError($"Index must be between 0 and {uint.MaxValue}");
            index = (uint)number;
            return true;
        }
        return InterfaceIndexFromName(fn, OptionValue.ToPhpString(value, ref pending), out index);
    }

    /// <summary>if_nametoindex on the name as a C string; PHP's warning when no interface has it.</summary>
    private static bool InterfaceIndexFromName(string fn, PhpString name, out uint index)
    {
        index = NetworkInterfaces.IndexOfName(name.Span);
        if (index != 0) return true;
        PhpWarnings.Warn($"{fn}(): No interface with name \"{CStringText(name)}\" could be found");
        return false;
    }

    /// <summary>A PHP string as C reads it (up to its first NUL), decoded as UTF-8 for a message.</summary>
    private static string CStringText(PhpString text) => System.Text.Encoding.UTF8.GetString(SocketAddress.CString(text.Span));
}
