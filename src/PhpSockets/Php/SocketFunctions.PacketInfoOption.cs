using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>IPV6_PKTINFO: an in6_pktinfo; this path's failure message is lowercase in PHP.</summary>
    private static unsafe bool ReadPacketInfo(string fn, Socket socket, long level, long option, out PacketInfo info)
    {
        info = default;
        int error = SocketOptions.Get(socket, unchecked((int)level), unchecked((int)option), out In6PktInfo raw, out _);
        if (error != 0)
        {
            SocketErrors.Record(socket, fn, "unable to get socket option", error);
            return false;
        }
        byte* text = stackalloc byte[64];
        byte* address = (byte*)&raw;
        string addressText = Libc.InetNtop(AF_INET6, address, text, 64) == null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";
        info = new PacketInfo(addressText, raw.InterfaceIndex);
        return true;
    }

    /// <summary>
    /// IPV6_PKTINFO from PHP's value through PHP's conversion rules (conversions.c): an array with the
    /// required keys "addr" and "ifindex"; problems are warnings <c>error converting user data (path: ...)</c>.
    /// </summary>
    private static bool SetPacketInfo(string fn, Socket socket, long level, long option, object? value, ref PhpError? pending)
    {
        const string top = "in6_pktinfo";
        if (value is not PhpArray array) return ConversionError(fn, top, "expected an array here");
        In6PktInfo info = default;
        if (!array.TryGetValue("addr", out object? addressValue)) return ConversionError(fn, top, "The key 'addr' is required");
        addressValue = OptionValue.Normalize(addressValue);
        if (!ResolvePacketInfoAddress(fn, socket, OptionValue.ToPhpString(addressValue, ref pending), addressValue is PhpString, ref info.Address)) return false;
        if (!array.TryGetValue("ifindex", out object? indexValue)) return ConversionError(fn, top, "The key 'ifindex' is required");
        indexValue = OptionValue.Normalize(indexValue);
        if (indexValue is long number)
        {
            if (number is < 0 or > uint.MaxValue)
                return ConversionError(fn, top + " > ifindex", $"the interface index cannot be negative or larger than {uint.MaxValue}; given {number}");
            info.InterfaceIndex = (uint)number;
        }
        else if (!PacketInfoInterfaceByName(fn, OptionValue.ToPhpString(indexValue, ref pending), out info.InterfaceIndex))
        {
            return false;
        }
        return Write(fn, socket, level, option, in info);
    }

    /// <summary>
    /// in6_pktinfo's address: always resolved by IPv6 rules, whatever the socket's family; a failure
    /// adds the conversion warning after the lookup's own.
    /// </summary>
    private static bool ResolvePacketInfoAddress(string fn, Socket socket, PhpString address, bool isString, ref In6Addr destination)
    {
        if (InetAddressLookup.Resolve(fn, socket, address.Span, v6: true, destination))
        {
            InetAddressLookup.ScopeId(fn, address.Span);
            return true;
        }
        // PHP prints the original value's C string; for a value that was not a string it prints what
        // its memory happens to hold, which is empty in practice.
        string shown = isString ? CStringText(address) : "";
        return ConversionError(fn, "in6_pktinfo > addr", $"could not resolve address '{shown}' to get an AF_INET6 address");
    }

    /// <summary>in6_pktinfo's interface given by name: if_nametoindex, or the conversion warning.</summary>
    private static bool PacketInfoInterfaceByName(string fn, PhpString name, out uint index)
    {
        index = NetworkInterfaces.IndexOfName(name.Span);
        if (index != 0) return true;
        return ConversionError(fn, "in6_pktinfo > ifindex", $"no interface with name \"{CStringText(name)}\" could be found");
    }

    private static bool ConversionError(string fn, string path, string message)
    {
        PhpWarnings.Warn($"{fn}(): error converting user data (path: {path}): {message}");
        return false;
    }
}
