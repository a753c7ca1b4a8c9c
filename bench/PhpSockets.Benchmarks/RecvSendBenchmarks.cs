using System;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using static PhpSockets.SocketFunctions;
using NetSocket = System.Net.Sockets.Socket;
using PhpSocket = PhpSockets.Socket;

namespace PhpSockets.Benchmarks;

/// <summary>socket_send + socket_recv with the span overloads (send(2) and recv(2) with flags), 64 bytes, beside Socket.Send/Receive.</summary>
[BenchmarkCategory("RecvSend")]
public class RecvSendBenchmarks
{
    private readonly byte[] _message = Pairs.Line();
    private readonly byte[] _buffer = new byte[2048];
    private PhpSocket _phpA = null!, _phpB = null!;
    private NetSocket _netA = null!, _netB = null!;

    [Params(Transport.SocketPair, Transport.Tcp)]
    public Transport Transport { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_phpA, _phpB) = Pairs.Php(Transport);
        (_netA, _netB) = Pairs.Net(Transport);
        if (PhpSpan() != 64 || NetSpan() != 64 || PhpRef() != 64) throw new InvalidOperationException("short read");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        socket_close(_phpA);
        socket_close(_phpB);
        _netA.Dispose();
        _netB.Dispose();
    }

    [Benchmark(Baseline = true, Description = "PhpSockets socket_send+socket_recv (span)")]
    public int PhpSpan()
    {
        socket_send(_phpA, _message, 0);
        return socket_recv(_phpB, _buffer, 0) ?? -1;
    }

    /// <summary>PHP's shape: socket_recv(Socket, ref PhpString?, length, flags), a new string per call.</summary>
    [Benchmark(Description = "PhpSockets socket_send+socket_recv (ref PhpString)")]
    public int PhpRef()
    {
        socket_send(_phpA, _message, 0);
        PhpString? data = null;
        return socket_recv(_phpB, ref data, 2048, 0) ?? -1;
    }

    [Benchmark(Description = "System.Net.Sockets Send+Receive (span, SocketFlags.None)")]
    public int NetSpan()
    {
        _netA.Send(_message.AsSpan(), SocketFlags.None);
        return _netB.Receive(_buffer.AsSpan(), SocketFlags.None);
    }
}
