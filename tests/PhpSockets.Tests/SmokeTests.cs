using System.Collections.Generic;
using Xunit;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Tests;

public class SmokeTests
{
    [Fact]
    public void Socketpair_round_trip_and_line_read()
    {
        Socket[]? pair = null;
        Assert.True(socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref pair));
        Assert.Equal(5, socket_write(pair![0], "ab\ncd"));
        Assert.Equal((PhpString)"ab\n", socket_read(pair[1], 100, PHP_NORMAL_READ));
        Assert.Equal((PhpString)"cd", socket_read(pair[1], 100));
        var read = new List<Socket> { pair[1] };
        List<Socket>? none = null;
        Assert.Equal(0, socket_select(ref read, ref none, ref none, 0));
        socket_close(pair[0]);
        socket_close(pair[1]);
    }

    [Fact]
    public void Refused_connect_warns_like_php()
    {
        var warnings = new List<PhpWarning>();
        using (PhpWarnings.Capture(warnings))
        {
            Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
            Assert.False(socket_connect(s, "127.0.0.1", 1));
            Assert.Equal(111, socket_last_error(s));
            socket_close(s);
        }
        Assert.Equal("socket_connect(): unable to connect [111]: Connection refused", Assert.Single(warnings).Message);
    }
}
