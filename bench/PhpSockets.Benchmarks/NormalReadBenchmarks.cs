using System;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using static PhpSockets.SocketFunctions;
using NetSocket = System.Net.Sockets.Socket;
using PhpSocket = PhpSockets.Socket;

namespace PhpSockets.Benchmarks;

/// <summary>
/// One 64-byte line written on one end, read back as a line on the other: socket_read with
/// PHP_NORMAL_READ (a 2048-byte buffer, as PHP code passes 2048). System.Net.Sockets has no line
/// read: its rows are the same work done by hand, peek + receive to the line end (what PhpSockets
/// does underneath), and PHP 8.2's own algorithm, one recv(2) per byte.
/// </summary>
[BenchmarkCategory("NormalRead")]
public class NormalReadBenchmarks
{
    private readonly byte[] _line = Pairs.Line();
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
        if (PhpSpan() != 64 || PhpString() != 64 || NetPeek() != 64 || NetPerByte() != 64) throw new InvalidOperationException("short line");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        socket_close(_phpA);
        socket_close(_phpB);
        _netA.Dispose();
        _netB.Dispose();
    }

    [Benchmark(Baseline = true, Description = "PhpSockets socket_read PHP_NORMAL_READ (span)")]
    public int PhpSpan()
    {
        socket_write(_phpA, (ReadOnlySpan<byte>)_line);
        return socket_read(_phpB, _buffer, PHP_NORMAL_READ) ?? -1;
    }

    [Benchmark(Description = "PhpSockets socket_read PHP_NORMAL_READ (PhpString)")]
    public int PhpString()
    {
        socket_write(_phpA, (ReadOnlySpan<byte>)_line);
        return socket_read(_phpB, 2048, PHP_NORMAL_READ)?.Length ?? -1;
    }

    [Benchmark(Description = "System.Net.Sockets peek + receive to line end")]
    public int NetPeek()
    {
        _netA.Send(_line.AsSpan());
        Span<byte> buffer = _buffer;
        int peeked = _netB.Receive(buffer, SocketFlags.Peek);
        int end = buffer[..peeked].IndexOfAny((byte)'\n', (byte)'\r');
        return _netB.Receive(buffer[..(end < 0 ? peeked : end + 1)], SocketFlags.None);
    }

    [Benchmark(Description = "System.Net.Sockets one Receive per byte (PHP 8.2's algorithm)")]
    public int NetPerByte()
    {
        _netA.Send(_line.AsSpan());
        Span<byte> buffer = _buffer;
        int n = 0;
        while (n < buffer.Length)
        {
            if (_netB.Receive(buffer.Slice(n, 1), SocketFlags.None) <= 0) break;
            if (buffer[n++] is (byte)'\n' or (byte)'\r') break;
        }
        return n;
    }
}
