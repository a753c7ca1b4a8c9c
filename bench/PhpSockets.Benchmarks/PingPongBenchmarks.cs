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
public class PingPongBenchmarks
{
    private readonly byte[] _message = Pairs.Line();
    private readonly byte[] _buffer = new byte[2048];
    private PhpString _phpMessage;
    private PhpSocket _phpA = null!, _phpB = null!;
    private NetSocket _netA = null!, _netB = null!;

    [Params(Transport.SocketPair, Transport.Tcp)]
    public Transport Transport { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_phpA, _phpB) = Pairs.Php(Transport);
        (_netA, _netB) = Pairs.Net(Transport);
        _phpMessage = new PhpString(_message);
        if (PhpSpan() != 64 || NetSpan() != 64 || PhpStrings() != 64) throw new InvalidOperationException("short read");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        socket_close(_phpA);
        socket_close(_phpB);
        _netA.Dispose();
        _netB.Dispose();
    }

    /// <summary>socket_write(Socket, ReadOnlySpan&lt;byte&gt;) + socket_read(Socket, Span&lt;byte&gt;): the zero-allocation path.</summary>
    [Benchmark(Baseline = true, Description = "PhpSockets socket_write+socket_read (span)")]
    public int PhpSpan()
    {
        socket_write(_phpA, _message);
        return socket_read(_phpB, _buffer, PHP_BINARY_READ) ?? -1;
    }

    /// <summary>socket_write(Socket, PhpString) + socket_read(Socket, 2048): PHP's shape, a new string per read.</summary>
    [Benchmark(Description = "PhpSockets socket_write+socket_read (PhpString)")]
    public int PhpStrings()
    {
        socket_write(_phpA, _phpMessage);
        return socket_read(_phpB, 2048)?.Length ?? -1;
    }

    /// <summary>System.Net.Sockets: Socket.Send(ReadOnlySpan) + Socket.Receive(Span).</summary>
    [Benchmark(Description = "System.Net.Sockets Send+Receive (span)")]
    public int NetSpan()
    {
        _netA.Send(_message.AsSpan());
        return _netB.Receive(_buffer.AsSpan());
    }
}
