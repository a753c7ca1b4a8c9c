using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using Socket = System.Net.Sockets.Socket;

namespace EchoServers;

/// <summary>
/// The loop of servers/echo_poll.c on System.Net.Sockets: Socket.Select over lists (which it trims to
/// the ready sockets, so they are refilled each turn), one Accept per turn, Receive and Send with spans
/// and the SocketError overloads (no exception for EAGAIN). Line mode peeks and takes the bytes to the
/// line end, as PHP_NORMAL_READ in PhpSockets and servers/echo_poll.c do.
/// </summary>
internal static class NetSocketsEcho
{
    private sealed class Client(Socket socket)
    {
        public Socket Socket { get; } = socket;
        public Owed Owed { get; } = new();
    }

    public static int Run(int port, bool line)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(4096);
        listener.Blocking = false;
        Console.WriteLine($"Listening on 127.0.0.1:{port}");

        var clients = new Dictionary<Socket, Client>();
        var read = new List<Socket>();
        var write = new List<Socket>();
        byte[] buffer = new byte[65536];
        Span<byte> chunk = line ? buffer.AsSpan(0, 2048) : buffer;
        while (true)
        {
            read.Clear();
            write.Clear();
            read.Add(listener);
            foreach (Client client in clients.Values)
            {
                if (client.Owed.Count > 0) write.Add(client.Socket);
                else read.Add(client.Socket);
            }
            Socket.Select(read, write.Count > 0 ? write : null, null, -1);
            foreach (Socket socket in write)
            {
                Client client = clients[socket];
                int n = socket.Send(client.Owed.Pending, SocketFlags.None, out SocketError error);
                if (error == SocketError.WouldBlock) continue;
                if (error != SocketError.Success)
                {
                    clients.Remove(socket);
                    socket.Dispose();
                    continue;
                }
                client.Owed.Consume(n);
            }
            foreach (Socket socket in read)
            {
                if (socket == listener)
                {
                    try
                    {
                        Socket accepted = listener.Accept();
                        accepted.Blocking = false;
                        clients.Add(accepted, new Client(accepted));
                    }
                    catch (SocketException)
                    {
                        // gone before it was taken
                    }
                    continue;
                }
                int count = line ? ReadLine(socket, chunk, out SocketError error) : socket.Receive(chunk, SocketFlags.None, out error);
                if (error == SocketError.WouldBlock) continue;
                if (error != SocketError.Success || count == 0)
                {
                    clients.Remove(socket);
                    socket.Dispose();
                    continue;
                }
                ReadOnlySpan<byte> data = chunk[..count];
                int written = socket.Send(data, SocketFlags.None, out error);
                if (error == SocketError.WouldBlock) written = 0;
                else if (error != SocketError.Success)
                {
                    clients.Remove(socket);
                    socket.Dispose();
                    continue;
                }
                if (written < data.Length) clients[socket].Owed.Set(data[written..]);
            }
        }
    }

    /// <summary>Up to and including the first "\n" or "\r", nothing after it taken from the kernel.</summary>
    private static int ReadLine(Socket socket, Span<byte> line, out SocketError error)
    {
        int total = 0;
        while (total < line.Length)
        {
            Span<byte> free = line[total..];
            int peeked = socket.Receive(free, SocketFlags.Peek, out error);
            if (error != SocketError.Success)
            {
                if (error == SocketError.WouldBlock && total > 0) error = SocketError.Success;
                return total;
            }
            if (peeked == 0) return total;
            int end = free[..peeked].IndexOfAny((byte)'\n', (byte)'\r');
            int take = end < 0 ? peeked : end + 1;
            int got = 0;
            while (got < take)
            {
                int n = socket.Receive(free[got..take], SocketFlags.None, out error);
                if (error != SocketError.Success || n == 0)
                {
                    if (error == SocketError.Success) error = SocketError.ConnectionReset;
                    return total;
                }
                got += n;
            }
            total += take;
            if (end >= 0) break;
        }
        error = SocketError.Success;
        return total;
    }
}
