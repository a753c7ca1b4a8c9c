using System;
using System.Collections.Generic;
using System.Threading;
using PhpSockets;
using static PhpSockets.SocketFunctions;

/// <summary>
/// The calls whose sizes a caller chooses, run with the GC heap capped (DOTNET_GCHeapHardLimit, set
/// by the test): receives with huge lengths, a recvmsg with the largest buffer_size PHP takes, and
/// socket_select over 10,000 sockets, each many times, so that memory kept per call would show.
/// One line per check; the process exits 0 when it got through them all.
/// </summary>
internal static class MemoryProbe
{
    private const int Rounds = 50;
    private const int SelectSockets = 10_000;

    public static int Run()
    {
        Console.Out.WriteLine($"heap limit {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes} bytes");
        Socket[]? pair = null;
        socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref pair);
        PhpString payload = new(new byte[256 * 1024]);
        // The writer runs beside the reader: 256 KiB is more than a socket buffer holds.
        var writer = new Thread(() =>
        {
            for (int i = 0; i < Rounds; i++) socket_write(pair![0], payload);
        });
        writer.Start();
        long received = 0;
        while (received < (long)Rounds * payload.Length)
        {
            PhpString? data = null;
            int? count = socket_recv(pair![1], ref data, long.MaxValue, 0);
            if (count is null or 0) return Fail("socket_recv with a length of PHP_INT_MAX");
            received += count.Value;
        }
        writer.Join();
        Console.Out.WriteLine($"socket_recv PHP_INT_MAX x {Rounds}: {received} bytes");

        Socket[]? datagrams = null;
        socket_create_pair(AF_UNIX, SOCK_DGRAM, 0, ref datagrams);
        socket_set_option(datagrams![0], SOL_SOCKET, SO_SNDBUF, 1 << 20);
        socket_set_option(datagrams[1], SOL_SOCKET, SO_RCVBUF, 1 << 20);
        PhpString datagram = new(new byte[200 * 1024]);
        for (int i = 0; i < Rounds; i++)
        {
            if (socket_send(datagrams[0], datagram, datagram.Length, 0) != datagram.Length) return Fail("send of a 200 KiB datagram");
            PhpArray? message = new() { ["name"] = new PhpArray(), ["buffer_size"] = 100L * 1024 * 1024, ["controllen"] = 1L };
            int? count = socket_recvmsg(datagrams[1], ref message, 0);
            if (count != datagram.Length) return Fail($"socket_recvmsg with buffer_size 100 MiB gave {count?.ToString() ?? "false"}");
        }
        Console.Out.WriteLine($"socket_recvmsg buffer_size 100 MiB x {Rounds}: whole datagrams");

        var sockets = new List<Socket>(SelectSockets);
        for (int i = 0; i < SelectSockets / 2; i++)
        {
            Socket[]? idle = null;
            if (!socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref idle)) return Fail($"socket_create_pair #{i}: {socket_strerror(socket_last_error())}");
            sockets.AddRange(idle!);
        }
        socket_write(sockets[^1], "x");
        int ready = 0;
        for (int i = 0; i < Rounds; i++)
        {
            List<Socket>? read = [.. sockets];
            List<Socket>? write = null, except = null;
            ready += socket_select(ref read, ref write, ref except, 0) ?? -1000;
        }
        Console.Out.WriteLine($"socket_select over {sockets.Count} sockets x {Rounds}: {ready} ready");
        foreach (Socket socket in sockets) socket_close(socket);
        Console.Out.WriteLine($"heap after {GC.GetTotalMemory(forceFullCollection: true)} bytes");
        return 0;
    }

    /// <summary>
    /// A receive when the heap has no room left for the string it returns: PHP's out-of-memory text
    /// as a PhpError (never an OutOfMemoryException), and once memory is back the next receive works.
    /// </summary>
    public static int RunWithHeapFull()
    {
        Socket[]? pair = null;
        socket_create_pair(AF_UNIX, SOCK_DGRAM, 0, ref pair);
        PhpString datagram = new(new byte[150 * 1024]);
        socket_send(pair![0], datagram, datagram.Length, 0);
        socket_send(pair[0], datagram, datagram.Length, 0);
        var ballast = new List<byte[]>();
        try
        {
            while (true) ballast.Add(new byte[64 * 1024]);
        }
        catch (OutOfMemoryException)
        {
        }
        ballast.RemoveAt(ballast.Count - 1);
        PhpString? data = null;
        try
        {
            int? count = socket_recv(pair[1], ref data, long.MaxValue, 0);
            Console.Out.WriteLine($"heap full: socket_recv = {count?.ToString() ?? "false"}");
        }
        catch (PhpError error)
        {
            Console.Out.WriteLine($"heap full: {error.PhpClass}: {error.Message}");
        }
        ballast.Clear();
        GC.Collect();
        int? again = socket_recv(pair[1], ref data, long.MaxValue, 0);
        Console.Out.WriteLine($"memory back: socket_recv = {again?.ToString() ?? "false"}");
        return 0;
    }

    private static int Fail(string what)
    {
        Console.Out.WriteLine($"failed: {what}");
        return 1;
    }
}
