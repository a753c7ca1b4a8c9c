using System;
using System.Diagnostics;
using System.IO;
using PhpSockets.Legacy;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// Every descriptor PhpSockets makes is close-on-exec (Libc.CloseOnExec says why), read back from
/// the kernel's /proc/self/fdinfo rather than through the library; and a child process started while
/// a socket is open does not keep the connection alive after the program closes it.
/// </summary>
public class CloseOnExecTests
{
    private const int O_CLOEXEC = 0x80000; // "flags:" in fdinfo, octal 02000000

    private static bool IsCloseOnExec(int fd)
    {
        foreach (string line in File.ReadAllLines($"/proc/self/fdinfo/{fd}"))
        {
            if (line.StartsWith("flags:", StringComparison.Ordinal))
                return (Convert.ToInt32(line["flags:".Length..].Trim(), 8) & O_CLOEXEC) != 0;
        }
        throw new InvalidOperationException($"/proc/self/fdinfo/{fd} has no flags line");
    }

    [Fact]
    public void Created_paired_and_listening_sockets_are_close_on_exec()
    {
        Socket created = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        (Socket a, Socket b) = UnixPair();
        Socket listening = socket_create_listen(0)!;
        foreach (Socket socket in new[] { created, a, b, listening })
        {
            Assert.True(IsCloseOnExec(socket.Descriptor));
            Assert.False(socket.InheritableByChildProcesses);
            socket_close(socket);
        }
    }

    [Fact]
    public void Accepted_sockets_are_close_on_exec()
    {
        (Socket client, Socket server) = TcpPair();
        Assert.True(IsCloseOnExec(server.Descriptor));
        socket_close(client);
        socket_close(server);
    }

    [Fact]
    public void Sockets_from_address_info_are_close_on_exec()
    {
        AddressInfo[] infos = socket_addrinfo_lookup("127.0.0.1", "0", new PhpArray { ["ai_socktype"] = (long)SOCK_STREAM })!;
        Socket bound = socket_addrinfo_bind(infos[0])!;
        Assert.True(IsCloseOnExec(bound.Descriptor));
        socket_close(bound);
    }

    [Fact]
    public void Descriptors_received_with_scm_rights_are_close_on_exec()
    {
        (Socket a, Socket b) = UnixPair(SOCK_DGRAM);
        (Socket x, Socket y) = UnixPair();
        var message = new PhpArray
        {
            ["iov"] = new PhpArray { "fd" },
            ["control"] = new PhpArray { new PhpArray { ["level"] = (long)SOL_SOCKET, ["type"] = (long)SCM_RIGHTS, ["data"] = new PhpArray { x } } },
        };
        Assert.Equal(2, NoWarning(() => socket_sendmsg(a, message)));
        PhpArray received = MessageTests.Receive(b, new PhpArray { ["controllen"] = socket_cmsg_space(SOL_SOCKET, SCM_RIGHTS, 1) }, out _);
        var cmsg = (PhpArray)((PhpArray)received["control"]!)[0L]!;
        var passed = (Socket)((PhpArray)cmsg["data"]!)[0L]!;
        Assert.True(IsCloseOnExec(passed.Descriptor));
        foreach (Socket socket in new[] { a, b, x, y, passed }) socket_close(socket);
    }

    [Fact]
    public void The_php4_functions_make_close_on_exec_descriptors()
    {
        int fd = Php4Sockets.socket(AF_INET, SOCK_STREAM, 0);
        Assert.True(fd >= 0);
        Assert.True(IsCloseOnExec(fd));
        int[]? pair = null;
        Assert.Equal(0, Php4Sockets.socketpair(AF_UNIX, SOCK_STREAM, 0, ref pair));
        Assert.True(IsCloseOnExec(pair![0]));
        Assert.True(IsCloseOnExec(pair[1]));
        foreach (int each in new[] { fd, pair[0], pair[1] }) Php4Sockets.close(each);
    }

    [Fact]
    public void Inheritable_by_child_processes_can_be_turned_on_and_off()
    {
        (Socket a, Socket b) = UnixPair();
        a.InheritableByChildProcesses = true;
        Assert.True(a.InheritableByChildProcesses);
        Assert.False(IsCloseOnExec(a.Descriptor));
        Assert.True(IsCloseOnExec(b.Descriptor)); // only the one asked for
        a.InheritableByChildProcesses = false;
        Assert.True(IsCloseOnExec(a.Descriptor));
        socket_close(a);
        socket_close(b);
        Assert.Throws<PhpError>(() => a.InheritableByChildProcesses);
        Assert.Throws<PhpError>(() => b.InheritableByChildProcesses = true);
    }

    [Fact]
    public void A_child_started_while_a_socket_is_open_does_not_keep_its_connection_alive()
    {
        (Socket a, Socket b) = UnixPair();
        using Process child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            socket_close(b);
            // Had the child inherited b, the connection would live on in it and this write would succeed.
            Assert.Null(SingleWarning("socket_write(): unable to write to socket [32]: Broken pipe", () => socket_write(a, "x")));
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
            socket_close(a);
        }
    }
}
