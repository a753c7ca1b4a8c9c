using System;
using System.Runtime.InteropServices;

namespace PhpSockets;

// The message array's "control" list: each control message's level, type and data.
internal sealed partial class UserMessageConverter
{
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

    private void WriteInterfaceIndex(object? value, Span<byte> field)
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
            PhpString name = Text(value);
            index = NetworkInterfaces.IndexOfName(name.Span);
            if (index == 0)
            {
                _context.Fail($"no interface with name \"{CText(name)}\" could be found");
                return;
            }
        }
        MemoryMarshal.Write(field, index);
    }
}
