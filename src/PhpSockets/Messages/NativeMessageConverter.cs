using System;
using System.Runtime.InteropServices;

namespace PhpSockets;

/// <summary>
/// PHP's conversion of what recvmsg(2) returned into socket_recvmsg's array (conversions.c,
/// "native data"): <c>['name' =&gt; ..., 'control' =&gt; [...], 'iov' =&gt; [...], 'flags' =&gt; int]</c>.
/// The first error stops the walk; PHP then sets the message to false and warns with the path.
/// </summary>
internal static class NativeMessageConverter
{
    /// <summary>
    /// The PHP array for <paramref name="frame"/>, or null after an error (its text in
    /// <paramref name="context"/>). Every descriptor received gets an owner even then, or is closed,
    /// so none leaks.
    /// </summary>
    internal static PhpArray? ToPhpArray(in ReceivedFrame frame, string function, ConversionContext context)
    {
        var message = new PhpArray();
        int adopted = 0;
        context.Push("name");
        message["name"] = ReadName(frame, context);
        context.Pop();
        if (!context.HasError)
        {
            context.Push("control");
            message["control"] = ReadControlList(frame, function, context, ref adopted);
            context.Pop();
        }
        if (!context.HasError)
        {
            var buffers = new PhpArray();
            if (frame.Count > 0) buffers.Add(new PhpString(frame.Data));
            message["iov"] = buffers;
            message["flags"] = (long)frame.Flags;
        }
        if (context.HasError)
        {
            // PHP frees the half-built array, and with it the Sockets and streams made so far.
            if (message["control"] is PhpArray made) CloseAdopted(made);
            CloseUnadopted(frame, adopted);
            return null;
        }
        return message;
    }

    /// <summary>After an error, closes the Sockets and streams already made for received descriptors.</summary>
    private static void CloseAdopted(PhpArray controls)
    {
        foreach (object? entry in controls.Values)
        {
            if (entry is not PhpArray cmsg || cmsg["data"] is not PhpArray descriptors) continue;
            foreach (object? owner in descriptors.Values)
            {
                if (owner is Socket socket) socket.Close();
                else if (owner is System.IO.Stream stream) stream.Dispose();
            }
        }
    }

    private static PhpArray? ReadName(in ReceivedFrame frame, ConversionContext context)
    {
        if (!frame.NameRequested) return null;
        ReadOnlySpan<byte> sa = frame.Name;
        int family = SocketAddress.Family(sa);
        switch (family)
        {
            case 0:
                return null;
            case SocketAddress.AF_INET:
                return new PhpArray
                {
                    ["family"] = (long)family,
                    ["addr"] = (PhpString)SocketAddress.InetText(sa),
                    ["port"] = (long)SocketAddress.Port(sa),
                };
            case SocketAddress.AF_INET6:
                return new PhpArray
                {
                    ["family"] = (long)family,
                    ["addr"] = (PhpString)SocketAddress.InetText(sa),
                    ["port"] = (long)SocketAddress.Port(sa),
                    ["flowinfo"] = (long)MemoryMarshal.Read<uint>(sa[4..]),
                    ["scope_id"] = (long)MemoryMarshal.Read<uint>(sa[24..]),
                };
            case SocketAddress.AF_UNIX:
                var unix = new PhpArray { ["family"] = (long)family };
                ReadOnlySpan<byte> path = sa.Slice(SocketAddress.UnixPathOffset, SocketAddress.UnixPathMax);
                int nul = path.IndexOf((byte)0);
                context.Push("path");
                if (nul < 0) context.Fail("could not find a NUL in the path");
                else unix["path"] = new PhpString(path[..nul]);
                context.Pop();
                return unix;
            default:
                context.Fail($"cannot read struct sockaddr with family {family}; not supported");
                return null;
        }
    }

    private static PhpArray ReadControlList(in ReceivedFrame frame, string function, ConversionContext context, ref int adopted)
    {
        var list = new PhpArray();
        long number = 1;
        foreach (ControlMessageView cmsg in frame.ControlMessages)
        {
            if (context.HasError) break;
            context.PushElement(number++);
            var entry = new PhpArray { ["level"] = (long)cmsg.Level, ["type"] = (long)cmsg.Type };
            list.Add(entry);
            context.Push("data");
            entry["data"] = ReadControlData(cmsg, function, context, ref adopted);
            context.Pop();
            context.Pop();
        }
        return list;
    }

    private static object? ReadControlData(in ControlMessageView cmsg, string function, ConversionContext context, ref int adopted)
    {
        AncillaryTypes.Kind kind = AncillaryTypes.Classify(cmsg.Level, cmsg.Type);
        if (kind == AncillaryTypes.Kind.Unsupported)
        {
            context.Fail($"cmsghdr with level {cmsg.Level} and type {cmsg.Type} not supported");
            return null;
        }
        long needed = Interop.Libc.CmsgLen(AncillaryTypes.FixedSize(kind));
        if (needed > cmsg.Length || cmsg.Data.Length < AncillaryTypes.FixedSize(kind))
        {
            context.Fail($"the cmsghdr structure is unexpectedly small; expected a length of at least {needed}, but got {cmsg.Length}");
            return null;
        }
        ReadOnlySpan<byte> data = cmsg.Data;
        switch (kind)
        {
            case AncillaryTypes.Kind.Rights:
                var descriptors = new PhpArray();
                for (int i = 0; i + sizeof(int) <= data.Length; i += sizeof(int), adopted++)
                    descriptors.Add(PassedDescriptor.Adopt(MemoryMarshal.Read<int>(data[i..]), function));
                return descriptors;
            case AncillaryTypes.Kind.Credentials:
                return new PhpArray
                {
                    ["pid"] = (long)MemoryMarshal.Read<int>(data),
                    ["uid"] = (long)MemoryMarshal.Read<uint>(data[4..]),
                    ["gid"] = (long)MemoryMarshal.Read<uint>(data[8..]),
                };
            case AncillaryTypes.Kind.Ipv6PacketInfo:
                return new PhpArray
                {
                    ["addr"] = (PhpString)Ipv6Text(data[..16]),
                    ["ifindex"] = (long)MemoryMarshal.Read<uint>(data[16..]),
                };
            default:
                return (long)MemoryMarshal.Read<int>(data);
        }
    }

    /// <summary>inet_ntop of a bare 16-byte IPv6 address.</summary>
    internal static string Ipv6Text(ReadOnlySpan<byte> address16)
    {
        Span<byte> sa = stackalloc byte[SocketAddress.Inet6Size];
        SocketAddress.EncodeInet6(sa, address16, 0, 0);
        return SocketAddress.InetText(sa);
    }

    /// <summary>After an error, closes the received descriptors past the first <paramref name="adopted"/>, which no Socket or stream owns (PHP leaks them).</summary>
    private static void CloseUnadopted(in ReceivedFrame frame, int adopted)
    {
        int position = 0;
        foreach (ControlMessageView cmsg in frame.ControlMessages)
        {
            if (AncillaryTypes.Classify(cmsg.Level, cmsg.Type) != AncillaryTypes.Kind.Rights) continue;
            for (int i = 0; i + sizeof(int) <= cmsg.Data.Length; i += sizeof(int), position++)
            {
                if (position >= adopted) Interop.Libc.Close(MemoryMarshal.Read<int>(cmsg.Data[i..]));
            }
        }
    }
}
