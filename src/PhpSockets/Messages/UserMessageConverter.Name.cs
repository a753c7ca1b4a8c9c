using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace PhpSockets;

// The message array's "name": a sockaddr of the socket's family, filled key by key.
internal sealed partial class UserMessageConverter
{
    // ---- name: PHP's from_zval_write_sockaddr_aux ----

    private void WriteName(object? value, OutgoingMessage? message, bool fill, out int nameLength)
    {
        nameLength = 0;
        if (Container(value) is not { } name) return;
        int family;
        if (name.TryGetValue("family", out object? familyValue) && familyValue is not null)
        {
            _context.Push("family");
            family = Int(familyValue);
            _context.Pop();
            if (_context.HasError) return;
        }
        else
        {
            family = _socket.Family;
        }
        Span<byte> sa = message is null ? default : message.NameBuffer;
        switch (family)
        {
            case SocketAddress.AF_INET:
                if (_socket.Family is not (SocketAddress.AF_INET or SocketAddress.AF_INET6))
                {
                    _context.Fail($"the specified family (number {family}) is not supported on this socket");
                    return;
                }
                nameLength = SocketAddress.InetSize;
                if (fill)
                {
                    WriteInetFields(name, sa);
                    MemoryMarshal.Write(sa, (ushort)SocketAddress.AF_INET);
                }
                break;
            case SocketAddress.AF_INET6:
                if (_socket.Family != SocketAddress.AF_INET6)
                {
                    _context.Fail("the specified family (AF_INET6) is not supported on this socket");
                    return;
                }
                nameLength = SocketAddress.Inet6Size;
                if (fill)
                {
                    WriteInet6Fields(name, sa);
                    MemoryMarshal.Write(sa, (ushort)SocketAddress.AF_INET6);
                }
                break;
            case SocketAddress.AF_UNIX:
                if (_socket.Family != SocketAddress.AF_UNIX)
                {
                    _context.Fail("the specified family (AF_UNIX) is not supported on this socket");
                    return;
                }
                if (fill)
                {
                    WriteUnixFields(name, sa);
                    MemoryMarshal.Write(sa, (ushort)SocketAddress.AF_UNIX);
                    // PHP's length rule, so that abstract names (a leading NUL) work: the path is read
                    // as a C string, after the first byte when that byte is NUL.
                    ReadOnlySpan<byte> path = sa.Slice(SocketAddress.UnixPathOffset, SocketAddress.UnixPathMax);
                    nameLength = SocketAddress.UnixPathOffset + (path[0] == 0 ? 1 + SocketAddress.CString(path[1..]).Length : SocketAddress.CString(path).Length);
                }
                else
                {
                    nameLength = SocketAddress.UnixPathOffset + SocketAddress.UnixPathMax;
                }
                break;
            default:
                _context.Fail("the only families currently supported are AF_INET, AF_INET6 and AF_UNIX");
                return;
        }
        message?.SetNameLength(nameLength);
    }

    private void WriteInetFields(PhpArray name, Span<byte> sa)
    {
        if (Enter(name, "family", false, out object? family)) { WriteFamily(family, sa); _context.Pop(); }
        if (Enter(name, "addr", false, out object? addr)) { WriteInetAddress(addr, sa.Slice(4, 4)); _context.Pop(); }
        if (Enter(name, "port", false, out object? port)) { WritePort(port, sa); _context.Pop(); }
    }

    private void WriteInet6Fields(PhpArray name, Span<byte> sa)
    {
        if (Enter(name, "family", false, out object? family)) { WriteFamily(family, sa); _context.Pop(); }
        if (Enter(name, "addr", false, out object? addr)) { WriteInet6Address(addr, sa.Slice(8, 16)); _context.Pop(); }
        if (Enter(name, "port", false, out object? port)) { WritePort(port, sa); _context.Pop(); }
        if (Enter(name, "flowinfo", false, out object? flow))
        {
            uint value = UInt32(flow);
            if (!_context.HasError) MemoryMarshal.Write(sa[4..], value);
            _context.Pop();
        }
        if (Enter(name, "scope_id", false, out object? scope))
        {
            uint value = UInt32(scope);
            if (!_context.HasError) MemoryMarshal.Write(sa[24..], value);
            _context.Pop();
        }
    }

    private void WriteUnixFields(PhpArray name, Span<byte> sa)
    {
        if (Enter(name, "family", false, out object? family)) { WriteFamily(family, sa); _context.Pop(); }
        if (Enter(name, "path", false, out object? pathValue))
        {
            PhpString path = Text(pathValue);
            if (path.Length == 0)
                _context.Fail("the path is cannot be empty");
            else if (path.Length >= SocketAddress.UnixPathMax)
                _context.Fail($"the path is too long, the maximum permitted length is {SocketAddress.UnixPathMax - 1}");
            else
                path.Span.CopyTo(sa[SocketAddress.UnixPathOffset..]);
            _context.Pop();
        }
    }

    private void WriteFamily(object? value, Span<byte> sa)
    {
        long family = Integer(value);
        if (_context.HasError) return;
        if (family is < 0 or > ushort.MaxValue)
        {
            _context.Fail("given PHP integer is out of bounds for a sa_family_t value");
            return;
        }
        MemoryMarshal.Write(sa, (ushort)family);
    }

    private void WritePort(object? value, Span<byte> sa)
    {
        long port = Integer(value);
        if (_context.HasError) return;
        if (port is < 0 or > ushort.MaxValue)
        {
            _context.Fail("given PHP integer is out of bounds for an unsigned 16-bit integer");
            return;
        }
        BinaryPrimitives.WriteUInt16BigEndian(sa[2..], (ushort)port);
    }

    /// <summary>PHP's php_set_inet_addr on the string, then its own error when that failed (after the lookup's warning).</summary>
    private void WriteInetAddress(object? value, Span<byte> address4)
    {
        PhpString host = Text(value);
        if (_context.HasError) return;
        if (InetAddressLookup.Resolve(_function, _socket, host.Span, v6: false, address4)) return;
        _context.Fail($"could not resolve address '{CText(host)}' to get an AF_INET address");
    }

    /// <summary>PHP's php_set_inet6_addr: the address only; a %scope suffix is looked at (and may warn) but not kept.</summary>
    private void WriteInet6Address(object? value, Span<byte> address16)
    {
        PhpString host = Text(value);
        if (_context.HasError) return;
        if (InetAddressLookup.Resolve(_function, _socket, host.Span, v6: true, address16))
        {
            InetAddressLookup.ScopeId(_function, host.Span);
            return;
        }
        _context.Fail($"could not resolve address '{CText(host)}' to get an AF_INET6 address");
    }
}
