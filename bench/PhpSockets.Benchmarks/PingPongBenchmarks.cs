using System;
using BenchmarkDotNet.Attributes;
using static PhpSockets.SocketFunctions;
using NetSocket = System.Net.Sockets.Socket;
using PhpSocket = PhpSockets.Socket;

namespace PhpSockets.Benchmarks;

/// <summary>
/// One write of 64 bytes on one end and the read of them on the other, on one thread, over a
/// blocking connected pair: the cost of the call pair, the kernel's part included. Each benchmark
/// does the same two syscalls (write or send, then recv); only the layer above them differs.
/// </summary>
[BenchmarkCategory("PingPong")]
public class PingPongBenchmarks : PairBenchmark
{
    private PhpString _phpMessage;

    /// <inheritdoc />
    protected override Func<int>[] Checks()
    {
        _phpMessage = new PhpString(Message);
        return [PhpSpan, NetSpan, PhpStrings];
    }

    /// <summary>socket_write(Socket, ReadOnlySpan&lt;byte&gt;) + socket_read(Socket, Span&lt;byte&gt;): the zero-allocation path.</summary>
    [Benchmark(Baseline = true, Description = "PhpSockets socket_write+socket_read (span)")]
    public int PhpSpan()
    {
        socket_write(PhpA, Message);
        return socket_read(PhpB, Buffer, PHP_BINARY_READ) ?? -1;
    }

    /// <summary>socket_write(Socket, PhpString) + socket_read(Socket, 2048): PHP's shape, a new string per read.</summary>
    [Benchmark(Description = "PhpSockets socket_write+socket_read (PhpString)")]
    public int PhpStrings()
    {
        socket_write(PhpA, _phpMessage);
        return socket_read(PhpB, 2048)?.Length ?? -1;
    }

    /// <summary>System.Net.Sockets: Socket.Send(ReadOnlySpan) + Socket.Receive(Span).</summary>
    [Benchmark(Description = "System.Net.Sockets Send+Receive (span)")]
    public int NetSpan()
    {
        NetA.Send(Message.AsSpan());
        return NetB.Receive(Buffer.AsSpan());
    }
}
