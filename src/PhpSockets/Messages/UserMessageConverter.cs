using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>What socket_recvmsg's array asks for: the address room, the data buffer and the control buffer.</summary>
/// <param name="NameLength">The msg_namelen to offer (the size of the family's sockaddr), or 0 for no address.</param>
/// <param name="BufferSize">The size of the single receive buffer.</param>
/// <param name="ControlLength">The msg_controllen to offer.</param>
internal readonly record struct ReceiveRequest(int NameLength, int BufferSize, uint ControlLength);

/// <summary>
/// PHP's conversion of a message array into a struct msghdr (conversions.c, "user data"): a walk
/// over fixed key tables in their order, each key optional unless PHP requires it, unknown keys
/// ignored, and the first error reported with its key path. The walk checks and fills at once, so
/// a later key is never looked at after an error, and warnings of address lookups come out as
/// they happen.
/// </summary>
internal sealed class UserMessageConverter
{
    private const int DefaultBufferSize = 8192;
    private const int MaxBufferSize = 100 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly string _function;
    private readonly ConversionContext _context = ConversionContext.FromUser();
    private PhpError? _pending;

    private UserMessageConverter(Socket socket, string function)
    {
        _socket = socket;
        _function = function;
    }

    /// <summary>The conversion's outcome: null when it went through, else the warning text (empty when an exception ends it).</summary>
    internal string? Error => _context.Error;

    /// <summary>An Error PHP raised during the conversion (an object without a string form), to throw once the call is done.</summary>
    internal PhpError? Pending => _pending;

    /// <summary>socket_sendmsg's array into <paramref name="message"/>: keys name, iov, control.</summary>
    internal static UserMessageConverter ForSend(Socket socket, string function, PhpArray source, OutgoingMessage message)
    {
        var converter = new UserMessageConverter(socket, function);
        converter.WriteSendHeader(source, message);
        return converter;
    }

    /// <summary>socket_recvmsg's array into a request: keys name (only its family counts), buffer_size, controllen (required).</summary>
    internal static UserMessageConverter ForReceive(Socket socket, string function, PhpArray source, out ReceiveRequest request)
    {
        var converter = new UserMessageConverter(socket, function);
        request = converter.ReadReceiveHeader(source);
        return converter;
    }

    // ---- aggregation: PHP's from_zval_write_aggregation ----

    /// <summary>The container as an array, or null after "expected an array here".</summary>
    private PhpArray? Container(object? value)
    {
        if (value is PhpArray array) return array;
        _context.Fail("expected an array here");
        return null;
    }

    /// <summary>
    /// Looks up <paramref name="key"/> as one step of an aggregation: true (with the key pushed on the
    /// path; the caller pops it) when present and no error is recorded; "The key '...' is required"
    /// when a required key is missing.
    /// </summary>
    private bool Enter(PhpArray container, string key, bool required, out object? value)
    {
        value = null;
        if (_context.HasError) return false;
        if (container.TryGetValue(key, out value))
        {
            _context.Push(key);
            return true;
        }
        if (required) _context.Fail($"The key '{key}' is required");
        return false;
    }

    // ---- msghdr ----

    private void WriteSendHeader(PhpArray source, OutgoingMessage message)
    {
        if (Enter(source, "name", false, out object? name))
        {
            WriteName(name, message, fill: true, out _);
            _context.Pop();
        }
        if (Enter(source, "iov", false, out object? iov))
        {
            WriteBuffers(iov, message);
            _context.Pop();
        }
        if (Enter(source, "control", false, out object? control))
        {
            WriteControlList(control, message);
            _context.Pop();
        }
    }

    private ReceiveRequest ReadReceiveHeader(PhpArray source)
    {
        int nameLength = 0, bufferSize = -1;
        uint controlLength = 0;
        if (Enter(source, "name", false, out object? name))
        {
            WriteName(name, null, fill: false, out nameLength);
            _context.Pop();
        }
        if (Enter(source, "buffer_size", false, out object? size))
        {
            long value = Integer(size);
            if (!_context.HasError)
            {
                if (value is < 0 or > MaxBufferSize)
                    _context.Fail($"the buffer size must be between 1 and {MaxBufferSize}; given {value}");
                else
                    bufferSize = (int)value;
            }
            _context.Pop();
        }
        if (Enter(source, "controllen", true, out object? controllen))
        {
            uint value = UInt32(controllen);
            if (!_context.HasError && value == 0) _context.Fail("controllen cannot be 0");
            controlLength = value;
            _context.Pop();
        }
        return new ReceiveRequest(nameLength, bufferSize < 0 ? DefaultBufferSize : bufferSize, controlLength);
    }

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
        switch (HostResolver.ResolveInet(host.Span, address4, out int errorCode))
        {
            case LookupOutcome.Resolved:
                return;
            case LookupOutcome.HostError:
                SocketErrors.Record(_socket, _function, "Host lookup failed", errorCode);
                break;
            default:
                PhpWarnings.Warn($"{_function}(): Host lookup failed: Non AF_INET domain returned on AF_INET socket");
                break;
        }
        _context.Fail($"could not resolve address '{CText(host)}' to get an AF_INET address");
    }

    /// <summary>PHP's php_set_inet6_addr: the address only; a %scope suffix is looked at (and may warn) but not kept.</summary>
    private void WriteInet6Address(object? value, Span<byte> address16)
    {
        PhpString host = Text(value);
        if (_context.HasError) return;
        switch (HostResolver.ResolveInet6(host.Span, address16, out int errorCode))
        {
            case LookupOutcome.Resolved:
                HostResolver.ScopeId(host.Span, out string? unknownInterface);
                if (unknownInterface is not null) PhpWarnings.Warn($"{_function}(): No interface with name \"{unknownInterface}\" could be found");
                return;
            case LookupOutcome.HostError:
                SocketErrors.Record(_socket, _function, "Host lookup failed", errorCode);
                break;
            default:
                PhpWarnings.Warn($"{_function}(): Host lookup failed: Non AF_INET6 domain returned on AF_INET6 socket");
                break;
        }
        _context.Fail($"could not resolve address '{CText(host)}' to get an AF_INET6 address");
    }

    // ---- iov ----

    private void WriteBuffers(object? value, OutgoingMessage message)
    {
        if (Container(value) is not { } buffers) return;
        long number = 1;
        foreach (object? element in buffers.Values)
        {
            _context.PushElement(number++);
            message.AddBuffer(Text(element).Span);
            _context.Pop();
            if (_context.HasError) break;
        }
    }

    // ---- control: PHP's from_zval_write_control_array / from_zval_write_control ----

    private void WriteControlList(object? value, OutgoingMessage message)
    {
        if (Container(value) is not { } list) return;
        long number = 0; // control messages are counted from 0, unlike every other list
        foreach (object? element in list.Values)
        {
            if (_context.HasError) break;
            _context.PushElement(number++);
            WriteControl(element, message);
            _context.Pop();
        }
    }

    private void WriteControl(object? value, OutgoingMessage message)
    {
        // PHP leaves level/type uninitialised when the key is missing (stack garbage); 0 here.
        int level = 0, type = 0;
        if (Container(value) is not { } cmsg) return;
        if (Enter(cmsg, "level", false, out object? levelValue)) { level = Int(levelValue); _context.Pop(); }
        if (_context.HasError) return;
        if (Enter(cmsg, "type", false, out object? typeValue)) { type = Int(typeValue); _context.Pop(); }
        if (_context.HasError) return;

        AncillaryTypes.Kind kind = AncillaryTypes.Classify(level, type);
        if (kind == AncillaryTypes.Kind.Unsupported)
        {
            _context.Fail($"cmsghdr with level {level} and type {type} not supported");
            return;
        }
        int dataLength;
        if (kind == AncillaryTypes.Kind.Rights)
        {
            if (!cmsg.TryGetValue("data", out object? rights))
            {
                _context.Fail("cmsghdr should have a 'data' element here");
                return;
            }
            if (Container(rights) is not { } descriptors) return;
            if (descriptors.Count == 0)
            {
                _context.Fail("expected at least one element in this array");
                return;
            }
            dataLength = descriptors.Count * sizeof(int);
        }
        else
        {
            dataLength = AncillaryTypes.FixedSize(kind);
        }
        Span<byte> data = message.AddControl(level, type, dataLength);
        if (Enter(cmsg, "data", false, out object? dataValue))
        {
            switch (kind)
            {
                case AncillaryTypes.Kind.Rights: WriteRights(dataValue, data, message); break;
                case AncillaryTypes.Kind.Credentials: WriteCredentials(dataValue, data); break;
                case AncillaryTypes.Kind.Ipv6PacketInfo: WritePacketInfo(dataValue, data); break;
                default:
                    int number = Int(dataValue);
                    if (!_context.HasError) MemoryMarshal.Write(data, number);
                    break;
            }
            _context.Pop();
        }
    }

    /// <summary>
    /// SCM_RIGHTS: Socket objects and streams, numbered from 1. Each descriptor goes to its own slot.
    /// (PHP 8.2 writes a Socket's descriptor one slot too far, so the receiver gets descriptor 0
    /// first and loses the last; PhpSockets sends what the caller named: docs/divergences.md.)
    /// </summary>
    private void WriteRights(object? value, Span<byte> data, OutgoingMessage message)
    {
        if (Container(value) is not { } descriptors) return;
        int slot = 0;
        foreach (object? element in descriptors.Values)
        {
            _context.PushElement(slot + 1);
            int fd = PassedDescriptor.HoldDescriptor(element, message, _context, _function);
            if (!_context.HasError) MemoryMarshal.Write(data[(slot * sizeof(int))..], fd);
            _context.Pop();
            if (_context.HasError) break;
            slot++;
        }
    }

    /// <summary>SCM_CREDENTIALS: struct ucred, all three keys required.</summary>
    private void WriteCredentials(object? value, Span<byte> data)
    {
        if (Container(value) is not { } credentials) return;
        if (Enter(credentials, "pid", true, out object? pidValue))
        {
            long pid = Integer(pidValue);
            if (!_context.HasError)
            {
                if (pid is < 0 or > int.MaxValue) _context.Fail("given PHP integer is out of bounds for a pid_t value");
                else MemoryMarshal.Write(data, (int)pid);
            }
            _context.Pop();
        }
        WriteId(credentials, "uid", data[4..]);
        WriteId(credentials, "gid", data[8..]);
    }

    private void WriteId(PhpArray credentials, string key, Span<byte> field)
    {
        if (!Enter(credentials, key, true, out object? value)) return;
        long id = Integer(value);
        if (!_context.HasError)
        {
            if (id is < 0 or > uint.MaxValue) _context.Fail("given PHP integer is out of bounds for a uid_t value");
            else MemoryMarshal.Write(field, (uint)id);
        }
        _context.Pop();
    }

    /// <summary>IPV6_PKTINFO: struct in6_pktinfo, both keys required; the index may be an interface name.</summary>
    private void WritePacketInfo(object? value, Span<byte> data)
    {
        if (Container(value) is not { } info) return;
        if (Enter(info, "addr", true, out object? addr)) { WriteInet6Address(addr, data[..16]); _context.Pop(); }
        if (Enter(info, "ifindex", true, out object? index)) { WriteInterfaceIndex(index, data[16..]); _context.Pop(); }
    }

    private unsafe void WriteInterfaceIndex(object? value, Span<byte> field)
    {
        uint index;
        if (value is long or int)
        {
            long number = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            if (number is < 0 or > uint.MaxValue)
            {
                _context.Fail($"the interface index cannot be negative or larger than {uint.MaxValue}; given {number}");
                return;
            }
            index = (uint)number;
        }
        else
        {
            ReadOnlySpan<byte> name = SocketAddress.CString(Text(value).Span);
            // The name is the caller's string, any length: only a short one goes on the stack.
            Span<byte> cName = name.Length < 256 ? stackalloc byte[name.Length + 1] : new byte[name.Length + 1];
            name.CopyTo(cName);
            fixed (byte* n = cName) index = Libc.IfNameToIndex(n);
            if (index == 0)
            {
                _context.Fail($"no interface with name \"{Encoding.UTF8.GetString(name)}\" could be found");
                return;
            }
        }
        MemoryMarshal.Write(field, index);
    }

    // ---- scalars ----

    private long Integer(object? value) => MessageScalars.ToInteger(value, _context, ref _pending);

    private int Int(object? value)
    {
        long number = Integer(value);
        if (_context.HasError) return 0;
        if (number is < int.MinValue or > int.MaxValue)
        {
            _context.Fail("given PHP integer is out of bounds for a native int");
            return 0;
        }
        return (int)number;
    }

    private uint UInt32(object? value)
    {
        long number = Integer(value);
        if (_context.HasError) return 0;
        if (number is < 0 or > uint.MaxValue)
        {
            _context.Fail("given PHP integer is out of bounds for an unsigned 32-bit integer");
            return 0;
        }
        return (uint)number;
    }

    private PhpString Text(object? value) => MessageScalars.ToPhpString(value, ref _pending);

    private static string CText(PhpString text) => Encoding.UTF8.GetString(SocketAddress.CString(text.Span));
}
