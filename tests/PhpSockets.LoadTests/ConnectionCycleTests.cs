using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Xunit;
using Xunit.Abstractions;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.LoadTests;

/// <summary>
/// Connect / echo / close, over and over (100,000 times in the full run), with both ends in this
/// process: an echo server thread (socket_select over three listeners, socket_accept, socket_read,
/// socket_write, socket_close) and the client on the test thread, rotating over TCP/IPv4, TCP/IPv6
/// and AF_UNIX. Afterwards the process has exactly the descriptors it had before, and its managed
/// heap (after a full collection) and resident set are where they were, within noise.
/// </summary>
public class ConnectionCycleTests(ITestOutputHelper output)
{
    /// <summary>Live managed heap growth allowed over the whole run: noise, not a leak of anything per cycle (40 bytes a cycle is 4 MB at full size).</summary>
    private const long ManagedSlack = 2L * 1024 * 1024;

    /// <summary>Resident set growth allowed: allocator and GC heap noise (a leak of one 4 KiB buffer per cycle would be 400 MiB at full size).</summary>
    private const long ResidentSlack = 48L * 1024 * 1024;

    [Fact]
    public void Connect_echo_close_cycles_leave_descriptors_and_memory_where_they_were()
    {
        var report = new LoadReport(output, "cycles");
        int cycles = LoadSettings.Cycles;
        report.Figure("mode", LoadSettings.Mode);
        using var server = new InProcessEchoServer();
        var client = new CycleClient(server);

        // Warm-up: the runtime, the JIT and the buffers reach their steady state.
        client.Run(600);
        Dictionary<int, string> fdsBefore = SettledDescriptors();
        long managedBefore = ProcessResources.SettledManagedBytes();
        long rssBefore = ProcessResources.ResidentBytes();

        var clock = Stopwatch.StartNew();
        client.Run(cycles / 2);
        long rssHalfway = ProcessResources.ResidentBytes();
        client.Run(cycles - cycles / 2);
        TimeSpan elapsed = clock.Elapsed;

        Dictionary<int, string> fdsAfter = SettledDescriptors();
        for (int attempt = 0; attempt < 20 && !SameKeys(fdsBefore, fdsAfter); attempt++)
        {
            Thread.Sleep(100); // only the runtime's own descriptors may still be settling
            fdsAfter = SettledDescriptors();
        }
        long managedAfter = ProcessResources.SettledManagedBytes();
        long rssAfter = ProcessResources.ResidentBytes();

        report.Figure("cycles (connect, echo, close)", client.Cycles - 600);
        report.Figure("per transport (TCP/IPv4, TCP/IPv6, AF_UNIX)", string.Join(" / ", client.PerTransport.Select(n => n - 200)));
        report.Figure("bytes echoed and checked", client.Bytes);
        report.Figure("descriptors before / after", $"{fdsBefore.Count} / {fdsAfter.Count}");
        report.Figure("live managed heap before / after (bytes surviving a full GC)", $"{managedBefore:N0} / {managedAfter:N0}");
        report.Figure("GC.GetTotalMemory after", ProcessResources.Megabytes(GC.GetTotalMemory(forceFullCollection: true)));
        report.Figure("RSS before / halfway / after", $"{ProcessResources.Megabytes(rssBefore)} / {ProcessResources.Megabytes(rssHalfway)} / {ProcessResources.Megabytes(rssAfter)}");
        report.Figure("time (s)", Math.Round(elapsed.TotalSeconds, 1));

        string[] leaked = fdsAfter.Where(kv => !fdsBefore.ContainsKey(kv.Key)).Select(kv => $"{kv.Key} -> {kv.Value}").ToArray();
        string[] vanished = fdsBefore.Where(kv => !fdsAfter.ContainsKey(kv.Key)).Select(kv => $"{kv.Key} -> {kv.Value}").ToArray();
        Assert.True(leaked.Length == 0 && vanished.Length == 0, $"new: [{string.Join(", ", leaked)}]; gone: [{string.Join(", ", vanished)}]");
        Assert.True(managedAfter - managedBefore < ManagedSlack, $"managed heap grew by {ProcessResources.Megabytes(managedAfter - managedBefore)}");
        Assert.True(rssAfter - rssBefore < ResidentSlack, $"RSS grew by {ProcessResources.Megabytes(rssAfter - rssBefore)}");
        Assert.Null(server.Failure);
    }

    private static Dictionary<int, string> SettledDescriptors()
    {
        ProcessResources.SettledManagedBytes();
        return ProcessResources.Descriptors();
    }

    private static bool SameKeys(Dictionary<int, string> a, Dictionary<int, string> b) => a.Count == b.Count && a.Keys.All(b.ContainsKey);

    /// <summary>The client side: one connection at a time, a message of 1 to 1024 bytes, all of it back, close.</summary>
    private sealed class CycleClient(InProcessEchoServer server)
    {
        private readonly byte[] _message = new byte[1024];
        private readonly byte[] _echo = new byte[1024];

        internal long Cycles { get; private set; }
        internal long Bytes { get; private set; }
        internal long[] PerTransport { get; } = new long[3];

        internal void Run(int count)
        {
            var warnings = new List<PhpWarning>();
            using IDisposable capture = PhpWarnings.Capture(warnings);
            for (int i = 0; i < count; i++)
            {
                int transport = (int)(Cycles % 3);
                Socket socket = transport switch
                {
                    0 => socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!,
                    1 => socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!,
                    _ => socket_create(AF_UNIX, SOCK_STREAM, 0)!,
                };
                bool connected = transport switch
                {
                    0 => socket_connect(socket, "127.0.0.1", server.Port4),
                    1 => socket_connect(socket, "::1", server.Port6),
                    _ => socket_connect(socket, server.UnixPath),
                };
                Assert.True(connected, $"cycle {Cycles}: connect failed: {socket_strerror(socket_last_error(socket))}; {string.Join("; ", warnings.Select(w => w.Message))}");

                int length = 1 + (int)((Cycles * 2654435761L) % _message.Length);
                for (int k = 0; k < length; k++) _message[k] = (byte)(Cycles + k * 7);
                Assert.Equal(length, socket_write(socket, _message.AsSpan(0, length)));
                int received = 0;
                while (received < length)
                {
                    WaitReadable(socket);
                    int? n = socket_read(socket, _echo.AsSpan(received, length - received));
                    Assert.True(n > 0, $"cycle {Cycles}: read gave {(n is null ? "false" : "end of stream")}; server: {server.Failure}");
                    received += n!.Value;
                }
                Assert.True(_message.AsSpan(0, length).SequenceEqual(_echo.AsSpan(0, length)), $"cycle {Cycles}: the echo differs");
                socket_close(socket);
                Bytes += length;
                PerTransport[transport]++;
                Cycles++;
            }
            Assert.Empty(warnings);
        }

        private static void WaitReadable(Socket socket)
        {
            List<Socket>? read = [socket], none = null;
            Assert.Equal(1, socket_select(ref read, ref none, ref none, 30));
        }
    }

    /// <summary>
    /// An echo server on its own thread: listens on 127.0.0.1, ::1 and an AF_UNIX path, serves one
    /// connection at a time until its end of stream, then closes it. Every wait is bounded.
    /// </summary>
    private sealed class InProcessEchoServer : IDisposable
    {
        private readonly Socket[] _listeners;
        private readonly Thread _thread;
        private readonly string _directory;
        private volatile bool _stop;

        internal InProcessEchoServer()
        {
            _directory = Directory.CreateTempSubdirectory("pslc").FullName;
            UnixPath = Path.Combine(_directory, "echo");
            Socket v4 = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
            Assert.True(socket_bind(v4, "127.0.0.1", 0));
            Socket v6 = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
            Assert.True(socket_bind(v6, "::1", 0));
            Socket unix = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
            Assert.True(socket_bind(unix, UnixPath));
            _listeners = [v4, v6, unix];
            foreach (Socket l in _listeners) Assert.True(socket_listen(l, 128));
            Port4 = PortOf(v4);
            Port6 = PortOf(v6);
            _thread = new Thread(Serve) { IsBackground = true, Name = "in-process echo server" };
            _thread.Start();
        }

        internal int Port4 { get; }
        internal int Port6 { get; }
        internal string UnixPath { get; }
        internal string? Failure { get; private set; }

        private static int PortOf(Socket s)
        {
            PhpString? address = null;
            int port = 0;
            Assert.True(socket_getsockname(s, ref address, ref port));
            return port;
        }

        private void Serve()
        {
            var buffer = new byte[4096];
            var warnings = new List<PhpWarning>();
            using IDisposable capture = PhpWarnings.Capture(warnings);
            try
            {
                while (!_stop)
                {
                    List<Socket>? read = [.. _listeners], none = null;
                    int? ready = socket_select(ref read, ref none, ref none, 0, 200_000);
                    if (ready is null) throw new InvalidOperationException($"select failed: {socket_last_error()}");
                    foreach (Socket listener in read!)
                    {
                        Socket? client = socket_accept(listener);
                        if (client is null) throw new InvalidOperationException($"accept failed: {socket_last_error()}");
                        Echo(client, buffer);
                        socket_close(client);
                    }
                }
                if (warnings.Count > 0) Failure = string.Join("; ", warnings.Select(w => w.Message));
            }
            catch (Exception e)
            {
                Failure = e.ToString();
            }
        }

        private static void Echo(Socket client, byte[] buffer)
        {
            while (true)
            {
                List<Socket>? read = [client], none = null;
                if (socket_select(ref read, ref none, ref none, 30) != 1) throw new InvalidOperationException("the client went quiet");
                int? n = socket_read(client, buffer.AsSpan());
                if (n is null) throw new InvalidOperationException($"read failed: {socket_last_error(client)}");
                if (n == 0) return;
                int done = 0;
                while (done < n)
                {
                    int? written = socket_write(client, buffer.AsSpan(done, n.Value - done));
                    if (written is null) throw new InvalidOperationException($"write failed: {socket_last_error(client)}");
                    done += written.Value;
                }
            }
        }

        public void Dispose()
        {
            _stop = true;
            Assert.True(_thread.Join(TimeSpan.FromSeconds(30)), "the echo server thread did not stop");
            foreach (Socket l in _listeners) socket_close(l);
            Directory.Delete(_directory, recursive: true);
        }
    }
}
