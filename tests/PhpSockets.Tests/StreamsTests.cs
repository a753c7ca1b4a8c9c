using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;
using NetSocket = System.Net.Sockets.Socket;

namespace PhpSockets.Tests;

/// <summary>
/// socket_export_stream / socket_import_stream (php-sockets-behaviour.md §2.24, §2.25, §2.4, §2.6):
/// the SocketStream, PHP's linking rules in both closing orders, the non-socket streams, and the
/// .NET interop (NetworkStream, System.Net.Sockets.Socket, ToNetSocket/ToPhpSocket).
/// </summary>
public class StreamsTests
{
    private const string BadDescriptorWrite = "socket_write(): unable to write to socket [9]: Bad file descriptor";
    private const string InvalidStream = "socket_close(): supplied resource is not a valid stream resource";

    [Fact]
    public void Export_returns_the_same_unseekable_stream_every_time()
    {
        (Socket a, Socket b) = UnixPair();
        Stream stream = NoWarning(() => socket_export_stream(a));
        Assert.Same(stream, socket_export_stream(a));
        var socketStream = Assert.IsType<SocketStream>(stream);
        Assert.Equal(a.Descriptor, socketStream.Descriptor);
        Assert.True(stream.CanRead);
        Assert.True(stream.CanWrite);
        Assert.False(stream.CanSeek);
        Assert.True(stream.CanTimeout);
        Assert.Throws<NotSupportedException>(() => stream.Length);
        Assert.Throws<NotSupportedException>(() => stream.Position);
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.True(socketStream.Blocking);
        CloseAll(b, a);
    }

    [Fact]
    public void Stream_reads_and_writes_go_straight_to_the_descriptor()
    {
        (Socket a, Socket b) = UnixPair();
        Stream stream = socket_export_stream(a);
        stream.Write("from stream"u8);
        stream.Flush();
        Assert.Equal((PhpString)"from stream", socket_read(b, 100));
        Assert.Equal(9, socket_write(b, "to stream"));
        var buffer = new byte[100];
        int count = stream.Read(buffer, 0, buffer.Length);
        Assert.Equal("to stream"u8.ToArray(), buffer[..count]);
        stream.WriteByte((byte)'!');
        Assert.Equal((PhpString)"!", socket_read(b, 10));
        // Interleaving with PHP functions: nothing is buffered on either side.
        Assert.Equal(3, socket_write(b, "xyz"));
        Assert.Equal('x', stream.ReadByte());
        Assert.Equal((PhpString)"yz", socket_read(a, 10));
        socket_shutdown(b, 1);
        Assert.Equal(0, stream.Read(buffer));
        Assert.Equal(-1, stream.ReadByte());
        CloseAll(b, a);
    }

    [Fact]
    public void Large_write_sends_every_byte()
    {
        (Socket a, Socket b) = UnixPair();
        Stream stream = socket_export_stream(a);
        var payload = new byte[4 << 20];
        new Random(7).NextBytes(payload);
        var reader = InBackground(() =>
        {
            var received = new MemoryStream();
            while (received.Length < payload.Length)
            {
                PhpString? chunk = socket_read(b, 65536);
                if (chunk is not { Length: > 0 } c) break;
                received.Write(c.Span);
            }
            return received.ToArray();
        });
        stream.Write(payload);
        Assert.Equal(payload, reader.Result);
        CloseAll(b, a);
    }

    [Fact]
    public void Import_of_an_exported_stream_gives_a_new_socket_over_the_same_descriptor()
    {
        (Socket a, Socket b) = UnixPair();
        Stream stream = socket_export_stream(a);
        Socket imported = NoWarning(() => socket_import_stream(stream))!;
        Assert.NotSame(a, imported);
        Assert.Equal(a.Descriptor, imported.Descriptor);
        Assert.Equal(AF_UNIX, imported.Family);
        Assert.Same(stream, socket_export_stream(imported));
        Assert.NotSame(imported, socket_import_stream(stream));
        Assert.Equal(3, socket_write(imported, "abc"));
        Assert.Equal((PhpString)"abc", socket_read(b, 10));
        CloseAll(b, a);
        Assert.True(imported.Descriptor >= 0, "the imported Socket is not closed by PHP's rules, only its stream");
    }

    [Fact]
    public void Closing_the_socket_closes_the_stream_and_the_imported_socket_gets_ebadf()
    {
        (Socket a, Socket b) = UnixPair();
        var stream = (SocketStream)socket_export_stream(a);
        Socket imported = socket_import_stream(stream)!;
        socket_close(a);
        Assert.True(stream.IsClosed);
        Assert.False(stream.CanRead);
        Assert.Equal(-1, stream.Descriptor);
        Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[1]));
        Assert.Throws<ObjectDisposedException>(() => stream.Write("x"u8));
        Assert.Null(SingleWarning(BadDescriptorWrite, () => socket_write(imported, "x")));
        Assert.Equal(9, socket_last_error(imported));
        Assert.Equal(9, socket_last_error());
        Assert.False(SingleWarning("socket_set_nonblock(): unable to set nonblocking mode [9]: Bad file descriptor", () => socket_set_nonblock(imported)));
        // Export gives the same, now closed, stream back.
        Assert.Same(stream, socket_export_stream(imported));
        Throws<PhpTypeError>(InvalidStream, () => socket_close(imported));
        Assert.True(imported.IsClosed);
        Throws<PhpError>("socket_close(): Argument #1 ($socket) has already been closed", () => socket_close(imported));
        // The peer sees the end of the stream: the descriptor really is closed.
        WaitReadable(b);
        Assert.Equal(PhpString.Empty, socket_read(b, 10));
        socket_close(b);
    }

    [Fact]
    public void Disposing_the_stream_closes_the_descriptor_under_the_socket()
    {
        (Socket a, Socket b) = UnixPair();
        Stream stream = socket_export_stream(a);
        stream.Dispose();
        Assert.False(a.IsClosed);
        Assert.Null(SingleWarning(BadDescriptorWrite, () => socket_write(a, "x")));
        Assert.False(SingleWarning("socket_set_block(): unable to set blocking mode [9]: Bad file descriptor", () => socket_set_block(a)));
        Assert.Null(SingleWarning("socket_read(): unable to read from socket [9]: Bad file descriptor", () => socket_read(a, 10)));
        WaitReadable(b);
        Assert.Equal(PhpString.Empty, socket_read(b, 10));
        Throws<PhpTypeError>(InvalidStream, () => socket_close(a));
        Assert.True(a.IsClosed);
        socket_close(b);
    }

    [Fact]
    public void Select_on_a_socket_whose_stream_closed_fails_with_ebadf()
    {
        (Socket a, Socket b) = UnixPair();
        socket_export_stream(a).Dispose();
        var read = new List<Socket> { a };
        List<Socket>? none = null;
        Assert.Null(SingleWarning("socket_select(): Unable to select [9]: Bad file descriptor", () => socket_select(ref read, ref none, ref none, 0)));
        Assert.Throws<PhpTypeError>(() => socket_close(a));
        socket_close(b);
    }

    [Fact]
    public void Blocking_mode_is_the_descriptors_and_import_reads_it()
    {
        (Socket a, Socket b) = UnixPair();
        Assert.True(socket_set_nonblock(a));
        var stream = (SocketStream)socket_export_stream(a);
        Assert.False(stream.Blocking);
        Socket imported = socket_import_stream(stream)!;
        Assert.Null(NoWarning(() => socket_read(imported, 10)));
        Assert.Equal(11, socket_last_error(imported));
        IOException again = Assert.Throws<IOException>(() => stream.Read(new byte[10]));
        Assert.Equal(11, again.HResult);
        Assert.Equal("Resource temporarily unavailable", again.Message);
        stream.Blocking = true;
        Assert.True(socket_import_stream(stream)!.Link is not null);
        Assert.Equal(4, socket_write(b, "line"));
        Assert.Equal((PhpString)"line", socket_read(imported, 10));
        Assert.True(socket_set_nonblock(imported));
        Assert.False(stream.Blocking);
        Assert.True(socket_set_block(a));
        Assert.True(stream.Blocking);
        CloseAll(b, a);
    }

    [Fact]
    public void Read_timeout_throws_etimedout()
    {
        (Socket a, Socket b) = UnixPair();
        Stream stream = socket_export_stream(a);
        stream.ReadTimeout = 20;
        Assert.Equal(20, stream.ReadTimeout);
        IOException timedOut = Assert.Throws<IOException>(() => stream.Read(new byte[1]));
        Assert.Equal(110, timedOut.HResult);
        Assert.Equal(1, socket_write(b, "z"));
        Assert.Equal('z', stream.ReadByte());
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.WriteTimeout = 0);
        stream.WriteTimeout = Timeout.Infinite;
        CloseAll(b, a);
    }

    [Fact]
    public void Write_to_a_closed_peer_is_epipe_not_a_signal()
    {
        (Socket a, Socket b) = UnixPair();
        Stream stream = socket_export_stream(a);
        socket_close(b);
        IOException broken = Assert.Throws<IOException>(() => stream.Write("x"u8));
        Assert.Equal(32, broken.HResult);
        socket_close(a);
    }

    [Fact]
    public async System.Threading.Tasks.Task Async_reads_and_writes_work_through_the_base_stream()
    {
        (Socket a, Socket b) = UnixPair();
        Stream stream = socket_export_stream(a);
        await stream.WriteAsync("async"u8.ToArray());
        Assert.Equal((PhpString)"async", socket_read(b, 10));
        Assert.Equal(4, socket_write(b, "back"));
        var buffer = new byte[10];
        int count = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(WaitSeconds));
        Assert.Equal("back"u8.ToArray(), buffer[..count]);
        CloseAll(b, a);
    }

    [Fact]
    public void Non_socket_streams_warn_with_the_stream_layer_type_name()
    {
        using var memory = new MemoryStream();
        Assert.Null(SingleWarning("socket_import_stream(): Cannot represent a stream of type MEMORY as a Socket Descriptor", () => socket_import_stream(memory)));
        string path = Path.GetTempFileName();
        try
        {
            using var file = new FileStream(path, FileMode.Open);
            Assert.Null(SingleWarning("socket_import_stream(): Cannot represent a stream of type STDIO as a Socket Descriptor", () => socket_import_stream(file)));
        }
        finally
        {
            File.Delete(path);
        }
        using var buffered = new BufferedStream(new MemoryStream());
        Assert.Null(SingleWarning("socket_import_stream(): Cannot represent a stream of type BufferedStream as a Socket Descriptor", () => socket_import_stream(buffered)));
    }

    [Fact]
    public void Closed_streams_throw_php_type_error()
    {
        var memory = new MemoryStream();
        memory.Dispose();
        Throws<PhpTypeError>("socket_import_stream(): supplied resource is not a valid stream resource", () => socket_import_stream(memory));
        (Socket a, Socket b) = UnixPair();
        Stream stream = socket_export_stream(a);
        socket_close(a);
        Throws<PhpTypeError>("socket_import_stream(): supplied resource is not a valid stream resource", () => socket_import_stream(stream));
        socket_close(b);
    }

    [Fact]
    public void Non_streams_throw_php_type_error_naming_the_type()
    {
        Throws<PhpTypeError>("socket_import_stream(): Argument #1 ($stream) must be of type resource, int given", () => socket_import_stream(1L));
        Throws<PhpTypeError>("socket_import_stream(): Argument #1 ($stream) must be of type resource, string given", () => socket_import_stream("stream"));
        Throws<PhpTypeError>("socket_import_stream(): Argument #1 ($stream) must be of type resource, null given", () => socket_import_stream(null));
        Throws<PhpTypeError>("socket_import_stream(): Argument #1 ($stream) must be of type resource, array given", () => socket_import_stream(new PhpArray()));
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Throws<PhpTypeError>("socket_import_stream(): Argument #1 ($stream) must be of type resource, Socket given", () => socket_import_stream(s));
        socket_close(s);
        Throws<PhpError>("socket_export_stream(): Argument #1 ($socket) has already been closed", () => socket_export_stream(s));
    }

    [Fact]
    public void Imported_tcp_socket_keeps_family_and_addresses()
    {
        (Socket client, Socket server) = TcpPair(AF_INET6);
        Socket imported = socket_import_stream(socket_export_stream(client))!;
        Assert.Equal(AF_INET6, imported.Family);
        PhpString? address = null;
        int port = 0;
        Assert.True(socket_getpeername(imported, ref address, ref port));
        Assert.Equal((PhpString)"::1", address);
        Assert.Equal(2, socket_send(imported, "v6", 2, 0));
        WaitReadable(server);
        Assert.Equal((PhpString)"v6", socket_read(server, 10));
        CloseAll(server, imported);
        Throws<PhpTypeError>(InvalidStream, () => socket_close(client));
    }

    [Fact]
    public void Network_stream_import_is_linked_and_exports_the_same_stream()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var netClient = new TcpClient(AddressFamily.InterNetwork);
        netClient.Connect((IPEndPoint)listener.LocalEndpoint);
        using NetSocket accepted = listener.AcceptSocket();
        NetworkStream network = netClient.GetStream();
        Socket imported = NoWarning(() => socket_import_stream(network))!;
        Assert.Equal(AF_INET, imported.Family);
        Assert.NotEqual((int)netClient.Client.Handle, imported.Descriptor);
        Assert.Same(network, socket_export_stream(imported));
        Assert.Equal(5, socket_write(imported, "hello"));
        var buffer = new byte[5];
        Assert.Equal(5, accepted.Receive(buffer, SocketFlags.None));
        // socket_close closes the linked NetworkStream (and with it the TcpClient's socket).
        socket_close(imported);
        Assert.False(network.CanRead);
        Assert.Equal(0, accepted.Receive(buffer, SocketFlags.None));
    }

    [Fact]
    public void Disposed_network_stream_makes_the_imported_socket_fail_with_ebadf()
    {
        (NetSocket left, NetSocket right) = NetPair();
        var network = new NetworkStream(left, ownsSocket: true);
        Socket imported = socket_import_stream(network)!;
        network.Dispose();
        Assert.Null(SingleWarning(BadDescriptorWrite, () => socket_write(imported, "x")));
        Throws<PhpTypeError>(InvalidStream, () => socket_close(imported));
        Throws<PhpTypeError>("socket_import_stream(): supplied resource is not a valid stream resource", () => socket_import_stream(network));
        right.Dispose();
    }

    [Fact]
    public void Net_socket_import_is_linked_both_ways()
    {
        (NetSocket left, NetSocket right) = NetPair();
        Socket imported = socket_import_stream(left)!;
        Assert.True(imported.Blocking);
        var exported = Assert.IsType<SocketStream>(socket_export_stream(imported));
        Assert.Same(exported, socket_export_stream(imported));
        exported.Write("via export"u8);
        var buffer = new byte[20];
        Assert.Equal(10, right.Receive(buffer));
        // Disposing the .NET socket is like fclose: the imported Socket fails with EBADF.
        left.Dispose();
        Assert.Null(SingleWarning(BadDescriptorWrite, () => socket_write(imported, "x")));
        Throws<PhpTypeError>(InvalidStream, () => socket_close(imported));
        Assert.True(exported.IsClosed);
        Throws<PhpTypeError>("socket_import_stream(): supplied resource is not a valid stream resource", () => socket_import_stream(left));
        right.Dispose();
    }

    [Fact]
    public void Socket_close_disposes_an_imported_net_socket()
    {
        (NetSocket left, NetSocket right) = NetPair();
        Socket imported = socket_import_stream(left)!;
        socket_close(imported);
        Assert.Throws<ObjectDisposedException>(() => left.Send([1]));
        Assert.Equal(0, right.Receive(new byte[1]));
        right.Dispose();
    }

    [Fact]
    public void To_net_socket_duplicates_the_descriptor_and_each_side_closes_its_own()
    {
        (Socket client, Socket server) = TcpPair();
        NetSocket net = client.ToNetSocket();
        Assert.NotEqual(client.Descriptor, (int)net.Handle);
        Assert.Equal(AddressFamily.InterNetwork, net.AddressFamily);
        Assert.True(net.Connected);
        Assert.Equal(2, net.Send("ab"u8));
        WaitReadable(server);
        Assert.Equal((PhpString)"ab", socket_read(server, 10));
        // Closing the PhpSockets side leaves the .NET socket working, and the connection open.
        socket_close(client);
        Assert.Equal(2, net.Send("cd"u8));
        WaitReadable(server);
        Assert.Equal((PhpString)"cd", socket_read(server, 10));
        net.Dispose();
        WaitReadable(server);
        Assert.Equal(PhpString.Empty, socket_read(server, 10));
        Assert.Throws<ObjectDisposedException>(() => client.ToNetSocket());
        socket_close(server);
    }

    [Fact]
    public void To_php_socket_duplicates_the_descriptor_and_is_not_linked()
    {
        (NetSocket left, NetSocket right) = NetPair();
        Socket php = left.ToPhpSocket();
        Assert.Equal(AF_INET, php.Family);
        Assert.True(php.Blocking);
        Assert.Null(php.Link);
        Assert.Equal(3, socket_write(php, "php"));
        var buffer = new byte[3];
        Assert.Equal(3, right.Receive(buffer));
        socket_close(php);
        Assert.Equal(1, left.Send([7]));
        Assert.Equal(1, right.Receive(buffer));
        left.Dispose();
        Assert.Throws<ObjectDisposedException>(() => left.ToPhpSocket());
        right.Dispose();
    }

    [Fact]
    public void Non_blocking_mode_crosses_the_conversion()
    {
        (Socket a, Socket b) = UnixPair();
        Assert.True(socket_set_nonblock(a));
        using NetSocket net = a.ToNetSocket();
        Socket back = net.ToPhpSocket();
        Assert.False(back.Blocking);
        Assert.Equal(AF_UNIX, back.Family);
        CloseAll(back, a, b);
    }

    private static (NetSocket, NetSocket) NetPair()
    {
        using var listener = new NetSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var left = new NetSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        left.Connect(listener.LocalEndPoint!);
        return (left, listener.Accept());
    }
}
