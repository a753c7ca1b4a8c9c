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
public class NormalReadBenchmarks : PairBenchmark
{

    /// <inheritdoc />
    protected override Func<int>[] Checks() => [PhpSpan, PhpString, NetPeek, NetPerByte];

    [Benchmark(Baseline = true, Description = "PhpSockets socket_read PHP_NORMAL_READ (span)")]
    public int PhpSpan()
    {
        socket_write(PhpA, (ReadOnlySpan<byte>)Message);
        return socket_read(PhpB, Buffer, PHP_NORMAL_READ) ?? -1;
    }

    [Benchmark(Description = "PhpSockets socket_read PHP_NORMAL_READ (PhpString)")]
    public int PhpString()
    {
        socket_write(PhpA, (ReadOnlySpan<byte>)Message);
        return socket_read(PhpB, 2048, PHP_NORMAL_READ)?.Length ?? -1;
    }

    [Benchmark(Description = "System.Net.Sockets peek + receive to line end")]
    public int NetPeek()
    {
        NetA.Send(Message.AsSpan());
        Span<byte> buffer = Buffer;
        int peeked = NetB.Receive(buffer, SocketFlags.Peek);
        int end = buffer[..peeked].IndexOfAny((byte)'\n', (byte)'\r');
        return NetB.Receive(buffer[..(end < 0 ? peeked : end + 1)], SocketFlags.None);
    }

    [Benchmark(Description = "System.Net.Sockets one Receive per byte (PHP 8.2's algorithm)")]
    public int NetPerByte()
    {
        NetA.Send(Message.AsSpan());
        Span<byte> buffer = Buffer;
        int n = 0;
        while (n < buffer.Length)
        {
            if (NetB.Receive(buffer.Slice(n, 1), SocketFlags.None) <= 0) break;
            if (buffer[n++] is (byte)'\n' or (byte)'\r') break;
        }
        return n;
    }
}
