using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using static PhpSockets.SocketFunctions;
using NetSocket = System.Net.Sockets.Socket;
using PhpSocket = PhpSockets.Socket;

namespace PhpSockets.Benchmarks;

/// <summary>
/// socket_select over N sockets with a zero timeout, one of them readable (the last), as an event
/// loop's turn sees it: N/2 socket pairs, both ends watched. System.Net.Sockets' Socket.Select
/// watches the same descriptors (its Socket objects wrap them without owning them). Socket.Select
/// removes the sockets that are not ready from the list it is given, so its benchmark refills the
/// list each time, as a loop must; socket_select leaves the caller's list alone and returns a new one
/// (a PHP array is a value), which is what its allocation is; its span overload reports flags in the
/// caller's array and allocates nothing.
/// </summary>
[BenchmarkCategory("Select")]
public class SelectBenchmarks
{
    private readonly List<PhpSocket> _all = [];
    private readonly List<PhpSocket> _php = [];
    private readonly OrderedDictionary<int, PhpSocket> _phpKeyed = [];
    private readonly List<NetSocket> _net = [];
    private readonly List<NetSocket> _netScratch = [];
    private bool[] _ready = [];

    [Params(1, 100, 10_000)]
    public int Sockets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Native.RaiseDescriptorLimit((ulong)(Sockets * 2 + 1024));
        PhpSocket? lastPeer = null;
        while (_php.Count < Sockets)
        {
            PhpSocket[]? pair = null;
            if (!socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref pair)) throw new InvalidOperationException($"socket_create_pair failed at {_php.Count}: {socket_strerror(socket_last_error())}");
            _all.Add(pair![0]);
            _all.Add(pair[1]);
            _php.Add(pair[0]);
            lastPeer = pair[1];
            if (_php.Count < Sockets)
            {
                _php.Add(pair[1]);
                lastPeer = pair[0];
            }
        }
        // One byte waiting on the last watched socket: exactly one is readable.
        if (socket_write(lastPeer!, "x"u8) != 1) throw new InvalidOperationException("write");
        foreach (PhpSocket s in _php)
        {
            _net.Add(new NetSocket(new System.Net.Sockets.SafeSocketHandle(s.Descriptor, ownsHandle: false)));
        }
        for (int k = 0; k < _php.Count; k++) _phpKeyed.Add(k, _php[k]);
        _ready = new bool[_php.Count];
        if (PhpList() != 1 || NetList() != 1 || PhpDictionary() != 1 || PhpSpan() != 1) throw new InvalidOperationException("expected exactly one ready socket");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (NetSocket s in _net) s.Dispose();
        foreach (PhpSocket s in _all) socket_close(s);
    }

    [Benchmark(Baseline = true, Description = "PhpSockets socket_select(List)")]
    public int PhpList()
    {
        List<PhpSocket>? read = _php, write = null, except = null;
        return socket_select(ref read, ref write, ref except, 0) ?? -1;
    }

    [Benchmark(Description = "PhpSockets socket_select(OrderedDictionary)")]
    public int PhpDictionary()
    {
        OrderedDictionary<int, PhpSocket>? read = _phpKeyed, write = null, except = null;
        return socket_select(ref read, ref write, ref except, 0) ?? -1;
    }

    [Benchmark(Description = "PhpSockets socket_select(span, flags)")]
    public int PhpSpan() =>
        socket_select(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_php), [], [], _ready, 0) ?? -1;

    [Benchmark(Description = "System.Net.Sockets Socket.Select")]
    public int NetList()
    {
        _netScratch.Clear();
        _netScratch.AddRange(_net);
        NetSocket.Select(_netScratch, null, null, 0);
        return _netScratch.Count;
    }
}
