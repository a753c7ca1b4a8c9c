using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace PhpSockets;

/// <summary>
/// What recvmsg(2) returned as a <see cref="ReceivedMessage"/>. Unlike socket_recvmsg it cannot fail:
/// control messages PHP does not know come back raw, and AF_UNIX names keep their exact bytes
/// (an abstract name its leading "\0").
/// </summary>
internal static class TypedMessageDecoder
{
    internal static ReceivedMessage Decode(in ReceivedFrame frame, ReadOnlyMemory<byte> data)
    {
        var controls = new List<ControlMessage>();
        foreach (ControlMessageView cmsg in frame.ControlMessages) controls.Add(DecodeControl(cmsg));
        return new ReceivedMessage((int)frame.Count, data, DecodeName(frame), controls, frame.Flags);
    }

    private static EndPoint? DecodeName(in ReceivedFrame frame)
    {
        if (!frame.NameRequested) return null;
        ReadOnlySpan<byte> sa = frame.Name;
        switch (SocketAddress.Family(sa))
        {
            case SocketAddress.AF_INET:
                return new IPEndPoint(new IPAddress(sa.Slice(4, 4)), SocketAddress.Port(sa));
            case SocketAddress.AF_INET6:
                return new IPEndPoint(new IPAddress(sa.Slice(8, 16), MemoryMarshal.Read<uint>(sa[24..])), SocketAddress.Port(sa));
            case SocketAddress.AF_UNIX:
                int end = Math.Min(frame.NameLength, SocketAddress.UnixPathOffset + SocketAddress.UnixPathMax);
                if (end <= SocketAddress.UnixPathOffset) return null;
                ReadOnlySpan<byte> path = sa[SocketAddress.UnixPathOffset..end];
                string text = path[0] == 0
                    ? "\0" + Encoding.UTF8.GetString(path[1..])
                    : Encoding.UTF8.GetString(SocketAddress.CString(path));
                if (text.Length == 0) return null;
                try
                {
                    return new UnixDomainSocketEndPoint(text);
                }
                catch (ArgumentException)
                {
                    return null; // bytes that are not UTF-8 can grow past sun_path's size when decoded
                }
            default:
                return null;
        }
    }

    private static ControlMessage DecodeControl(in ControlMessageView cmsg)
    {
        ReadOnlySpan<byte> data = cmsg.Data;
        AncillaryTypes.Kind kind = AncillaryTypes.Classify(cmsg.Level, cmsg.Type);
        if (kind != AncillaryTypes.Kind.Unsupported && data.Length >= AncillaryTypes.FixedSize(kind))
        {
            switch (kind)
            {
                case AncillaryTypes.Kind.Rights:
                    var descriptors = new List<PassedDescriptor>(data.Length / sizeof(int));
                    for (int i = 0; i + sizeof(int) <= data.Length; i += sizeof(int))
                    {
                        object owner = PassedDescriptor.Adopt(MemoryMarshal.Read<int>(data[i..]), nameof(SocketFunctions.socket_recvmsg));
                        descriptors.Add(owner is Socket socket ? PassedDescriptor.FromSocket(socket) : PassedDescriptor.FromStream((System.IO.Stream)owner));
                    }
                    return new ScmRights(descriptors);
                case AncillaryTypes.Kind.Credentials:
                    return new ScmCredentials(MemoryMarshal.Read<int>(data), MemoryMarshal.Read<uint>(data[4..]), MemoryMarshal.Read<uint>(data[8..]));
                case AncillaryTypes.Kind.Ipv6PacketInfo:
                    return new Ipv6PacketInfo(new IPAddress(data[..16]), MemoryMarshal.Read<uint>(data[16..]));
                case AncillaryTypes.Kind.Integer when cmsg.Type == AncillaryTypes.IPV6_HOPLIMIT:
                    return new Ipv6HopLimit(MemoryMarshal.Read<int>(data));
                case AncillaryTypes.Kind.Integer:
                    return new Ipv6TrafficClass(MemoryMarshal.Read<int>(data));
            }
        }
        return new RawControlMessage(cmsg.Level, cmsg.Type, data.ToArray());
    }
}
