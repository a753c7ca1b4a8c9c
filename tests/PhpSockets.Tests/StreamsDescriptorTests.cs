using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;
using NetSocket = System.Net.Sockets.Socket;

namespace PhpSockets.Tests;

/// <summary>
/// Export, import and the .NET conversions neither leak a descriptor nor close one twice: after many
/// rounds in every closing order, /proc/self/fd lists the same descriptors as before.
/// </summary>
[Collection(DescriptorSensitiveCollection.Name)]
public class StreamsDescriptorTests
{
    private static string[] OpenDescriptors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Directory.GetFileSystemEntries("/proc/self/fd").Select(Path.GetFileName).OfType<string>().Order().ToArray();
    }

    [Fact]
    public void Every_closing_order_releases_every_descriptor_once()
    {
        Round();
        string[] before = OpenDescriptors();
        for (int i = 0; i < 50; i++) Round();
        Assert.Equal(before, OpenDescriptors());
    }

    private static void Round()
    {
        // Socket closed first: the stream goes with it; the imported copy then throws TypeError.
        (Socket a, Socket b) = UnixPair();
        Stream stream = socket_export_stream(a);
        Socket imported = socket_import_stream(stream)!;
        socket_close(a);
        Assert.Throws<PhpTypeError>(() => socket_close(imported));
        socket_close(b);

        // Stream disposed first.
        (a, b) = UnixPair();
        socket_export_stream(a).Dispose();
        Assert.Throws<PhpTypeError>(() => socket_close(a));
        socket_close(b);

        // Dropped without socket_close: the finalizers release them.
        (a, b) = UnixPair();
        socket_import_stream(socket_export_stream(a));
        socket_close(b);

        // .NET conversions: every side closes its own duplicate.
        (a, b) = UnixPair();
        NetSocket net = a.ToNetSocket();
        Socket back = net.ToPhpSocket();
        Socket linked = socket_import_stream(net)!;
        socket_export_stream(linked);
        socket_close(back);
        socket_close(linked);
        Assert.Throws<ObjectDisposedException>(() => net.Send([1]));
        socket_close(a);
        socket_close(b);
        _ = SocketType.Stream;
    }
}
