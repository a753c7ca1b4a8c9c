using System;
using BenchmarkDotNet.Attributes;
using static PhpSockets.SocketFunctions;
using NetSocket = System.Net.Sockets.Socket;
using PhpSocket = PhpSockets.Socket;

namespace PhpSockets.Benchmarks;

/// <summary>
/// The setup the one-pair benchmarks share: a connected PhpSockets pair and a System.Net.Sockets
/// pair over the same transport, a 64-byte message and a 2048-byte buffer (what PHP code passes).
/// Setup runs every benchmark once and fails unless each moves the 64 bytes.
/// </summary>
public abstract class PairBenchmark
{
    /// <summary>The 64-byte message.</summary>
    protected readonly byte[] Message = Pairs.Line();

    /// <summary>The receive buffer.</summary>
    protected readonly byte[] Buffer = new byte[2048];

    /// <summary>The PhpSockets ends.</summary>
    protected PhpSocket PhpA = null!, PhpB = null!;

    /// <summary>The System.Net.Sockets ends.</summary>
    protected NetSocket NetA = null!, NetB = null!;

    /// <summary>socketpair(2) or TCP loopback.</summary>
    [Params(Transport.SocketPair, Transport.Tcp)]
    public Transport Transport { get; set; }

    /// <summary>Each benchmark of the class, run once by <see cref="Setup"/> as a check.</summary>
    protected abstract Func<int>[] Checks();

    /// <summary>Makes both pairs and checks every benchmark moves 64 bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (PhpA, PhpB) = Pairs.Php(Transport);
        (NetA, NetB) = Pairs.Net(Transport);
        foreach (Func<int> check in Checks())
        {
            if (check() != 64) throw new InvalidOperationException($"{GetType().Name}: short transfer");
        }
    }

    /// <summary>Closes both pairs.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        socket_close(PhpA);
        socket_close(PhpB);
        NetA.Dispose();
        NetB.Dispose();
    }
}
