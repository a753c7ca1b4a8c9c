using System;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using static PhpSockets.SocketFunctions;
using NetSocket = System.Net.Sockets.Socket;
using PhpSocket = PhpSockets.Socket;

namespace PhpSockets.Benchmarks;

/// <summary>socket_send + socket_recv with the span overloads (send(2) and recv(2) with flags), 64 bytes, beside Socket.Send/Receive.</summary>
[BenchmarkCategory("RecvSend")]
public class RecvSendBenchmarks : PairBenchmark
{

    /// <inheritdoc />
    protected override Func<int>[] Checks() => [PhpSpan, NetSpan, PhpRef];

    [Benchmark(Baseline = true, Description = "PhpSockets socket_send+socket_recv (span)")]
    public int PhpSpan()
    {
        socket_send(PhpA, Message, 0);
        return socket_recv(PhpB, Buffer, 0) ?? -1;
    }

    /// <summary>PHP's shape: socket_recv(Socket, ref PhpString?, length, flags), a new string per call.</summary>
    [Benchmark(Description = "PhpSockets socket_send+socket_recv (ref PhpString)")]
    public int PhpRef()
    {
        socket_send(PhpA, Message, 0);
        PhpString? data = null;
        return socket_recv(PhpB, ref data, 2048, 0) ?? -1;
    }

    [Benchmark(Description = "System.Net.Sockets Send+Receive (span, SocketFlags.None)")]
    public int NetSpan()
    {
        NetA.Send(Message.AsSpan(), SocketFlags.None);
        return NetB.Receive(Buffer.AsSpan(), SocketFlags.None);
    }
}
