using System;
using System.Linq;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// The PHP 4 iovec family (socket_iovec_alloc/fetch/set/add/delete/free, socket_readv/writev) as
/// the seed's manual page promises it: every buffer of its own length, delete that removes,
/// set that keeps NUL bytes, readv/writev true on success; PHP 4.3's checks and warning texts.
/// </summary>
public class IovecTests
{
    private static IoVector Alloc(params long[] lengths) => socket_iovec_alloc(lengths.Length, lengths)!;

    [Fact]
    public void Alloc_makes_zero_filled_buffers_of_the_given_lengths()
    {
        IoVector v = NoWarning(() => socket_iovec_alloc(3, 1, 4, 2))!;
        Assert.Equal(3, v.Count);
        Assert.Equal(7, v.TotalLength);
        Assert.Equal(Bytes("\0"), socket_iovec_fetch(v, 0));
        Assert.Equal(Bytes("\0\0\0\0"), socket_iovec_fetch(v, 1));
        Assert.Equal(Bytes("\0\0"), v[2]);
        Assert.Equal(new[] { 1, 4, 2 }, v.Select(b => b.Length));
        Assert.False(v.IsFreed);
        Assert.Equal(0, v.BytesTransferred);
    }

    [Fact]
    public void Alloc_of_no_vectors_is_an_empty_vector()
    {
        IoVector v = NoWarning(() => socket_iovec_alloc(0))!;
        Assert.Empty(v);
        Assert.Equal(0, v.TotalLength);
    }

    [Fact]
    public void Alloc_ignores_lengths_beyond_the_count_as_php_4_3_did()
    {
        IoVector v = NoWarning(() => socket_iovec_alloc(1, 3, 0, -5))!;
        Assert.Equal(3, Assert.Single(v).Length);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1048577L)]
    [InlineData(long.MaxValue)]
    public void Alloc_with_an_invalid_length_warns_with_the_vector_number(long bad)
    {
        Assert.Null(SingleWarning("socket_iovec_alloc(): vector 2 is invalid", () => socket_iovec_alloc(3, 10, bad, 10)));
        Assert.Null(SingleWarning("socket_iovec_alloc(): vector 1 is invalid", () => socket_iovec_alloc(1, bad)));
    }

    [Fact]
    public void Alloc_accepts_the_largest_length()
    {
        Assert.Equal(1048576, NoWarning(() => socket_iovec_alloc(1, 1048576))![0].Length);
    }

    [Fact]
    public void Alloc_with_too_few_lengths_or_a_negative_count_is_a_wrong_parameter_count()
    {
        Throws<PhpArgumentCountError>("Wrong parameter count for socket_iovec_alloc()", () => socket_iovec_alloc(2, 10));
        Throws<PhpArgumentCountError>("Wrong parameter count for socket_iovec_alloc()", () => socket_iovec_alloc(1));
        Throws<PhpArgumentCountError>("Wrong parameter count for socket_iovec_alloc()", () => socket_iovec_alloc(-1));
        // PHP 4.3 refused more than 65536 arguments.
        long[] many = Enumerable.Repeat(1L, 65536).ToArray();
        Throws<PhpArgumentCountError>("Wrong parameter count for socket_iovec_alloc()", () => socket_iovec_alloc(1, many));
        Assert.NotNull(socket_iovec_alloc(1, many[..65535]));
    }

    [Theory]
    [InlineData(2L)]
    [InlineData(3L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void Fetch_outside_the_vector_warns_and_gives_empty_string(long position)
    {
        IoVector v = Alloc(1, 1);
        Assert.Equal(PhpString.Empty, SingleWarning(
            "socket_iovec_fetch(): can't access a vector position past the amount of vectors set in the array",
            () => socket_iovec_fetch(v, position)));
    }

    [Fact]
    public void Set_replaces_the_data_whole_and_takes_its_length()
    {
        IoVector v = Alloc(8, 8);
        PhpString binary = Bytes("a\0b\xff\0");
        Assert.True(NoWarning(() => socket_iovec_set(v, 1, binary)));
        Assert.Equal(binary, socket_iovec_fetch(v, 1));
        Assert.Equal(5, v[1].Length);
        Assert.Equal(13, v.TotalLength);
        Assert.True(socket_iovec_set(v, 0, ""));
        Assert.Equal(PhpString.Empty, socket_iovec_fetch(v, 0));
        Assert.True(socket_iovec_set(v, 0, new string('x', 2000000)));
        Assert.Equal(2000000, v[0].Length);
    }

    [Fact]
    public void Set_copies_the_value()
    {
        IoVector v = Alloc(3);
        byte[] source = [1, 2, 3];
        socket_iovec_set(v, 0, source);
        source[0] = 9;
        Assert.Equal(new PhpString([1, 2, 3]), v[0]);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(-1L)]
    public void Set_outside_the_vector_warns_and_fails(long position)
    {
        IoVector v = Alloc(4);
        Assert.False(SingleWarning(
            "socket_iovec_set(): can't access a vector position outside of the vector array bounds",
            () => socket_iovec_set(v, position, "abc")));
        Assert.Equal(Bytes("\0\0\0\0"), v[0]);
    }

    [Fact]
    public void Add_appends_a_zero_filled_buffer()
    {
        IoVector v = Alloc(2);
        Assert.True(NoWarning(() => socket_iovec_add(v, 3)));
        Assert.True(socket_iovec_add(v, 1048576));
        Assert.Equal(3, v.Count);
        Assert.Equal(Bytes("\0\0\0"), socket_iovec_fetch(v, 1));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-3L)]
    [InlineData(1048577L)]
    public void Add_of_an_invalid_length_fails_silently_as_php_4_3_did(long length)
    {
        IoVector v = Alloc(2);
        Assert.False(NoWarning(() => socket_iovec_add(v, length)));
        Assert.Single(v);
    }

    [Fact]
    public void Delete_removes_the_vector_and_closes_the_gap()
    {
        IoVector v = Alloc(1, 1, 1);
        socket_iovec_set(v, 0, "a");
        socket_iovec_set(v, 1, "b");
        socket_iovec_set(v, 2, "c");
        Assert.True(NoWarning(() => socket_iovec_delete(v, 1)));
        Assert.Equal(2, v.Count);
        Assert.Equal((PhpString)"a", socket_iovec_fetch(v, 0));
        Assert.Equal((PhpString)"c", socket_iovec_fetch(v, 1));
        Assert.True(socket_iovec_delete(v, 1));
        Assert.True(socket_iovec_delete(v, 0));
        Assert.Empty(v);
    }

    [Theory]
    [InlineData(2L)] // PHP 4 let position == count through
    [InlineData(5L)]
    [InlineData(-1L)]
    public void Delete_outside_the_vector_warns_and_fails(long position)
    {
        IoVector v = Alloc(1, 1);
        Assert.False(SingleWarning(
            "socket_iovec_delete(): can't delete an IO vector that is out of array bounds",
            () => socket_iovec_delete(v, position)));
        Assert.Equal(2, v.Count);
    }

    [Fact]
    public void A_freed_vector_throws_php_error_everywhere()
    {
        IoVector v = Alloc(4);
        Assert.True(NoWarning(() => socket_iovec_free(v)));
        Assert.True(v.IsFreed);
        Throws<PhpError>("socket_iovec_fetch(): Argument #1 ($iovec) has already been freed", () => socket_iovec_fetch(v, 0));
        Throws<PhpError>("socket_iovec_set(): Argument #1 ($iovec) has already been freed", () => socket_iovec_set(v, 0, "x"));
        Throws<PhpError>("socket_iovec_add(): Argument #1 ($iovec) has already been freed", () => socket_iovec_add(v, 1));
        Throws<PhpError>("socket_iovec_delete(): Argument #1 ($iovec) has already been freed", () => socket_iovec_delete(v, 0));
        Throws<PhpError>("socket_iovec_free(): Argument #1 ($iovec) has already been freed", () => socket_iovec_free(v));
        (Socket a, Socket b) = UnixPair();
        Throws<PhpError>("socket_readv(): Argument #2 ($iovec_id) has already been freed", () => socket_readv(a, v));
        Throws<PhpError>("socket_writev(): Argument #2 ($iovec_id) has already been freed", () => socket_writev(a, v));
        CloseAll(a, b);
        // The C# members follow .NET's rule for disposed objects.
        Assert.Throws<ObjectDisposedException>(() => v.Count);
        Assert.Throws<ObjectDisposedException>(() => v[0]);
        Assert.Throws<ObjectDisposedException>(() => v.TotalLength);
        Assert.Throws<ObjectDisposedException>(() => v.ToList());
    }

    [Fact]
    public void The_csharp_indexer_throws_outside_the_vector()
    {
        IoVector v = Alloc(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => v[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => v[-1]);
    }

    [Fact]
    public void Writev_sends_the_buffers_in_order_as_one_write()
    {
        (Socket a, Socket b) = UnixPair();
        IoVector v = Alloc(1, 1, 1);
        socket_iovec_set(v, 0, "ab");
        socket_iovec_set(v, 1, Bytes("\0\xff"));
        socket_iovec_set(v, 2, "cde");
        socket_clear_error();
        Assert.True(NoWarning(() => socket_writev(a, v)));
        Assert.Equal(7, v.BytesTransferred);
        WaitReadable(b);
        Assert.Equal(Bytes("ab\0\xff" + "cde"), socket_read(b, 100));
        Assert.Equal(0, socket_last_error(a));
        Assert.Equal(0, socket_last_error());
        CloseAll(a, b);
    }

    [Fact]
    public void Readv_fills_the_buffers_in_order()
    {
        (Socket a, Socket b) = TcpPair();
        socket_write(a, Bytes("hello world!\0\xfe"));
        IoVector v = Alloc(5, 1, 8);
        WaitReadable(b);
        Assert.True(NoWarning(() => socket_readv(b, v)));
        Assert.Equal(14, v.BytesTransferred);
        Assert.Equal((PhpString)"hello", socket_iovec_fetch(v, 0));
        Assert.Equal((PhpString)" ", socket_iovec_fetch(v, 1));
        Assert.Equal(Bytes("world!\0\xfe"), socket_iovec_fetch(v, 2));
        CloseAll(a, b);
    }

    [Fact]
    public void A_short_readv_fills_the_first_bytes_and_leaves_the_rest()
    {
        (Socket a, Socket b) = UnixPair();
        socket_write(a, "abcdef");
        IoVector v = Alloc(4, 4, 4);
        socket_iovec_set(v, 2, "zzzz");
        WaitReadable(b);
        Assert.True(socket_readv(b, v));
        Assert.Equal(6, v.BytesTransferred);
        Assert.Equal((PhpString)"abcd", v[0]);
        Assert.Equal(Bytes("ef\0\0"), v[1]);
        Assert.Equal((PhpString)"zzzz", v[2]);
        CloseAll(a, b);
    }

    [Fact]
    public void Readv_writev_round_trip_with_empty_buffers_and_more_than_eight()
    {
        (Socket a, Socket b) = UnixPair();
        IoVector output = Alloc(Enumerable.Repeat(1L, 20).ToArray());
        for (int i = 0; i < 20; i++) socket_iovec_set(output, i, i % 3 == 0 ? "" : ((char)('a' + i)).ToString());
        Assert.True(socket_writev(a, output));
        IoVector input = Alloc(Enumerable.Repeat(1L, 13).ToArray());
        WaitReadable(b);
        Assert.True(socket_readv(b, input));
        Assert.Equal(13, input.BytesTransferred);
        Assert.Equal((PhpString)"bcefhiklnoqrt", PhpString.Concat(input));
        CloseAll(a, b);
    }

    [Fact]
    public void Readv_at_end_of_stream_is_true_with_nothing_read()
    {
        (Socket a, Socket b) = UnixPair();
        socket_close(a);
        IoVector v = Alloc(4);
        socket_clear_error();
        Assert.True(NoWarning(() => socket_readv(b, v)));
        Assert.Equal(0, v.BytesTransferred);
        Assert.Equal(0, socket_last_error());
        socket_close(b);
    }

    [Fact]
    public void Readv_and_writev_of_no_vectors_succeed()
    {
        (Socket a, Socket b) = UnixPair();
        IoVector v = socket_iovec_alloc(0)!;
        Assert.True(socket_writev(a, v));
        Assert.True(socket_readv(b, v));
        Assert.Equal(0, v.BytesTransferred);
        CloseAll(a, b);
    }

    [Fact]
    public void Readv_with_no_data_on_a_non_blocking_socket_fails_silently_with_eagain()
    {
        (Socket a, Socket b) = UnixPair();
        Assert.True(socket_set_nonblock(b));
        IoVector v = Alloc(4);
        Assert.False(NoWarning(() => socket_readv(b, v)));
        Assert.Equal(11, socket_last_error(b));
        Assert.Equal(11, socket_last_error());
        CloseAll(a, b);
    }

    [Fact]
    public void Readv_failure_goes_through_php_socket_error()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        IoVector v = Alloc(4);
        Assert.False(SingleWarning("socket_readv(): unable to read from socket [107]: Transport endpoint is not connected", () => socket_readv(s, v)));
        Assert.Equal(107, socket_last_error(s));
        Assert.Equal(107, socket_last_error());
        socket_close(s);
    }

    [Fact]
    public void Writev_failure_goes_through_php_socket_error()
    {
        (Socket a, Socket b) = UnixPair();
        Assert.True(socket_shutdown(a, 1));
        IoVector v = Alloc(4);
        Assert.False(SingleWarning("socket_writev(): Unable to write to socket [32]: Broken pipe", () => socket_writev(a, v)));
        Assert.Equal(32, socket_last_error(a));
        Assert.Equal(32, socket_last_error());
        CloseAll(a, b);
    }

    [Fact]
    public void More_vectors_than_the_kernel_takes_fail_with_einval()
    {
        (Socket a, Socket b) = UnixPair();
        IoVector v = Alloc(Enumerable.Repeat(1L, 1025).ToArray());
        Assert.False(SingleWarning("socket_writev(): Unable to write to socket [22]: Invalid argument", () => socket_writev(a, v)));
        CloseAll(a, b);
    }

    [Fact]
    public void A_closed_socket_throws_before_the_vector_is_looked_at()
    {
        (Socket a, Socket b) = UnixPair();
        socket_close(a);
        IoVector v = Alloc(4);
        socket_iovec_free(v);
        Throws<PhpError>("socket_readv(): Argument #1 ($socket) has already been closed", () => socket_readv(a, v));
        Throws<PhpError>("socket_writev(): Argument #1 ($socket) has already been closed", () => socket_writev(a, v));
        socket_close(b);
    }
}
