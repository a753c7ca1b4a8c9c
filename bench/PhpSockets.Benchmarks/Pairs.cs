using System;
using System.Net;
using System.Net.Sockets;
using static PhpSockets.SocketFunctions;
using NetSocket = System.Net.Sockets.Socket;
using PhpSocket = PhpSockets.Socket;

namespace PhpSockets.Benchmarks;

/// <summary>Which connected pair a benchmark runs over.</summary>
public enum Transport
{
    /// <summary>AF_UNIX SOCK_STREAM socketpair(2).</summary>
    SocketPair,

    /// <summary>TCP over 127.0.0.1, TCP_NODELAY on both ends.</summary>
    Tcp,
}

/// <summary>Connected pairs made the way each library makes them, blocking, as PHP's are by default.</summary>
internal static class Pairs
{
    public static (PhpSocket, PhpSocket) Php(Transport transport)
    {
        if (transport == Transport.SocketPair)
        {
            PhpSocket[]? pair = null;
            if (!socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref pair)) throw new InvalidOperationException("socket_create_pair failed");
            return (pair![0], pair[1]);
        }
        PhpSocket listener = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) ?? throw new InvalidOperationException("socket_create");
        if (!socket_bind(listener, "127.0.0.1", 0) || !socket_listen(listener, 1)) throw new InvalidOperationException("bind/listen");
        PhpString? address = null;
        int port = 0;
        socket_getsockname(listener, ref address, ref port);
        PhpSocket client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) ?? throw new InvalidOperationException("socket_create");
        if (!socket_connect(client, "127.0.0.1", port)) throw new InvalidOperationException("socket_connect");
        PhpSocket server = socket_accept(listener) ?? throw new InvalidOperationException("socket_accept");
        socket_close(listener);
        socket_set_option(client, SOL_TCP, TCP_NODELAY, 1);
        socket_set_option(server, SOL_TCP, TCP_NODELAY, 1);
        return (client, server);
    }

    public static (NetSocket, NetSocket) Net(Transport transport)
    {
        if (transport == Transport.SocketPair) return Native.NetSocketPair();
        using var listener = new NetSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new NetSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        NetSocket server = listener.Accept();
        client.NoDelay = true;
        server.NoDelay = true;
        return (client, server);
    }

    /// <summary>A 64-byte payload: 63 letters and a newline, so it is one PHP_NORMAL_READ line too.</summary>
    public static byte[] Line(int length = 64)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length - 1; i++) bytes[i] = (byte)('a' + i % 26);
        bytes[^1] = (byte)'\n';
        return bytes;
    }
}
