using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PhpSockets;

/// <summary>
/// A <see cref="SocketMessage"/> into the C structures of sendmsg(2), with socket_sendmsg's rules
/// where a typed message can still break them (a name of a family the socket cannot take, an empty
/// or closed SCM_RIGHTS entry): the same error texts and key paths.
/// </summary>
internal static class TypedMessageEncoder
{
    internal static void Encode(Socket socket, SocketMessage message, OutgoingMessage outgoing, ConversionContext context)
    {
        if (message.Name is { } name)
        {
            context.Push("name");
            EncodeName(socket, name, outgoing, context);
            context.Pop();
            if (context.HasError) return;
        }
        foreach (ReadOnlyMemory<byte> buffer in message.Buffers) outgoing.AddBuffer(buffer.Span);
        if (message.ControlMessages.Count == 0) return;
        context.Push("control");
        for (int i = 0; i < message.ControlMessages.Count && !context.HasError; i++)
        {
            context.PushElement(i);
            EncodeControl(message.ControlMessages[i] ?? throw new ArgumentException("A control message is null.", nameof(message)), outgoing, context);
            context.Pop();
        }
        context.Pop();
    }

    private static void EncodeName(Socket socket, EndPoint name, OutgoingMessage outgoing, ConversionContext context)
    {
        Span<byte> sa = outgoing.NameBuffer;
        int length;
        switch (name)
        {
            case IPEndPoint { AddressFamily: AddressFamily.InterNetwork } ip:
                if (socket.Family is not (SocketAddress.AF_INET or SocketAddress.AF_INET6))
                {
                    context.Fail($"the specified family (number {SocketAddress.AF_INET}) is not supported on this socket");
                    return;
                }
                Span<byte> address4 = stackalloc byte[4];
                ip.Address.TryWriteBytes(address4, out _);
                length = SocketAddress.EncodeInet(sa, address4, (ushort)ip.Port);
                break;
            case IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ip6:
                if (socket.Family != SocketAddress.AF_INET6)
                {
                    context.Fail("the specified family (AF_INET6) is not supported on this socket");
                    return;
                }
                Span<byte> address16 = stackalloc byte[16];
                ip6.Address.TryWriteBytes(address16, out _);
                length = SocketAddress.EncodeInet6(sa, address16, (ushort)ip6.Port, (uint)ip6.Address.ScopeId);
                break;
            case UnixDomainSocketEndPoint unix:
                if (socket.Family != SocketAddress.AF_UNIX)
                {
                    context.Fail("the specified family (AF_UNIX) is not supported on this socket");
                    return;
                }
                System.Net.SocketAddress serialized = unix.Serialize();
                length = Math.Min(serialized.Size, sa.Length);
                serialized.Buffer.Span[..length].CopyTo(sa);
                break;
            default:
                context.Fail("the only families currently supported are AF_INET, AF_INET6 and AF_UNIX");
                return;
        }
        outgoing.SetNameLength(length);
    }

    private static void EncodeControl(ControlMessage control, OutgoingMessage outgoing, ConversionContext context)
    {
        switch (control)
        {
            case ScmRights rights:
                if (rights.Descriptors.Count == 0)
                {
                    context.Fail("expected at least one element in this array");
                    return;
                }
                Span<byte> fds = outgoing.AddControl(rights.Level, rights.Type, rights.Descriptors.Count * sizeof(int));
                context.Push("data");
                for (int i = 0; i < rights.Descriptors.Count; i++)
                {
                    context.PushElement(i + 1);
                    int fd = PassedDescriptor.HoldDescriptor(rights.Descriptors[i], outgoing, context, nameof(SocketFunctions.socket_sendmsg));
                    context.Pop();
                    if (context.HasError) break;
                    MemoryMarshal.Write(fds[(i * sizeof(int))..], fd);
                }
                context.Pop();
                break;
            case ScmCredentials credentials:
                Span<byte> ucred = outgoing.AddControl(credentials.Level, credentials.Type, AncillaryTypes.CredentialsSize);
                MemoryMarshal.Write(ucred, credentials.ProcessId);
                MemoryMarshal.Write(ucred[4..], credentials.UserId);
                MemoryMarshal.Write(ucred[8..], credentials.GroupId);
                break;
            case Ipv6PacketInfo info:
                Span<byte> pktinfo = outgoing.AddControl(info.Level, info.Type, AncillaryTypes.Ipv6PacketInfoSize);
                IPAddress address = info.Address.AddressFamily == AddressFamily.InterNetwork ? info.Address.MapToIPv6() : info.Address;
                address.TryWriteBytes(pktinfo[..16], out _);
                MemoryMarshal.Write(pktinfo[16..], info.InterfaceIndex);
                break;
            case Ipv6HopLimit hopLimit:
                MemoryMarshal.Write(outgoing.AddControl(hopLimit.Level, hopLimit.Type, sizeof(int)), hopLimit.HopLimit);
                break;
            case Ipv6TrafficClass trafficClass:
                MemoryMarshal.Write(outgoing.AddControl(trafficClass.Level, trafficClass.Type, sizeof(int)), trafficClass.TrafficClass);
                break;
            case RawControlMessage raw:
                raw.Data.Span.CopyTo(outgoing.AddControl(raw.Level, raw.Type, raw.Data.Length));
                break;
            default:
                context.Fail($"cmsghdr with level {control.Level} and type {control.Type} not supported");
                break;
        }
    }
}
