using System;
using System.Collections.Generic;
using static PhpSockets.SocketFunctions;
using PhpSocket = PhpSockets.Socket;

namespace EchoServers;

/// <summary>
/// The loop of servers/echo_poll.c (and servers/echo.php, line for line) on PhpSockets: socket_select
/// over lists, one socket_accept per turn, socket_read and socket_write with the span overloads (the
/// zero-allocation path), raw (PHP_BINARY_READ, 64 KiB) or line mode (PHP_NORMAL_READ, 2048).
/// </summary>
internal static class PhpSocketsEcho
{
    private sealed class Client(PhpSocket socket)
    {
        public PhpSocket Socket { get; } = socket;
        public Owed Owed { get; } = new();
    }

    public static int Run(int port, bool line)
    {
        PhpSocket listener = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        socket_set_option(listener, SOL_SOCKET, SO_REUSEADDR, 1);
        if (!socket_bind(listener, "127.0.0.1", port) || !socket_listen(listener, SOMAXCONN))
        {
            Console.Error.WriteLine($"phpsockets: bind/listen: {socket_strerror(socket_last_error(listener))}");
            return 1;
        }
        socket_set_nonblock(listener);
        Console.WriteLine($"Listening on 127.0.0.1:{port}");

        var clients = new Dictionary<PhpSocket, Client>();
        var readSet = new List<PhpSocket>();
        var writeSet = new List<PhpSocket>();
        byte[] buffer = new byte[65536];
        Span<byte> chunk = line ? buffer.AsSpan(0, 2048) : buffer;
        while (true)
        {
            readSet.Clear();
            writeSet.Clear();
            readSet.Add(listener);
            foreach (Client client in clients.Values)
            {
                if (client.Owed.Count > 0) writeSet.Add(client.Socket);
                else readSet.Add(client.Socket);
            }
            List<PhpSocket>? read = readSet, write = writeSet, except = null;
            if (socket_select(ref read, ref write, ref except, null) is null)
            {
                if (socket_last_error() == SOCKET_EINTR) continue;
                Console.Error.WriteLine($"phpsockets: socket_select: {socket_strerror(socket_last_error())}");
                return 1;
            }
            foreach (PhpSocket socket in write!)
            {
                Client client = clients[socket];
                int? n = socket_write(socket, client.Owed.Pending);
                if (n is null)
                {
                    if (socket_last_error(socket) == SOCKET_EAGAIN) continue;
                    clients.Remove(socket);
                    socket_close(socket);
                }
                else
                {
                    client.Owed.Consume(n.Value);
                }
            }
            foreach (PhpSocket socket in read!)
            {
                if (socket == listener)
                {
                    PhpSocket? accepted = socket_accept(listener);
                    if (accepted is not null)
                    {
                        socket_set_nonblock(accepted);
                        clients.Add(accepted, new Client(accepted));
                    }
                    continue;
                }
                int? count = socket_read(socket, chunk, line ? PHP_NORMAL_READ : PHP_BINARY_READ);
                if (count is null)
                {
                    if (socket_last_error(socket) == SOCKET_EAGAIN) continue;
                    clients.Remove(socket);
                    socket_close(socket);
                    continue;
                }
                if (count == 0)
                {
                    clients.Remove(socket);
                    socket_close(socket);
                    continue;
                }
                ReadOnlySpan<byte> data = chunk[..count.Value];
                int? written = socket_write(socket, data);
                if (written is null)
                {
                    if (socket_last_error(socket) != SOCKET_EAGAIN)
                    {
                        clients.Remove(socket);
                        socket_close(socket);
                        continue;
                    }
                    written = 0;
                }
                if (written < data.Length) clients[socket].Owed.Set(data[written.Value..]);
            }
        }
    }
}
