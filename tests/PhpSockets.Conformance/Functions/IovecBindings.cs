using static PhpSockets.SocketFunctions;

namespace PhpSockets.Conformance.Functions;

/// <summary>
/// PHP 4's iovec family (socket_iovec_*, socket_readv, socket_writev), which PHP 5 removed and
/// PhpSockets provides because the seed's manual page lists it. PHP 8.2 cannot run these, so their
/// scenarios live in conformance/divergences/ with hand-written transcripts. The signatures are
/// PHP 4.3's prototypes in PHP 8's syntax, with the vector as an object: the transcript prints it
/// as FORMAT.md prints any other object, <c>object(IoVector)#N</c>.
/// </summary>
public static class IovecBindings
{
    public static void Register(FunctionTable t)
    {
        t.Add("socket_iovec_alloc(int $num_vectors, int ...$lengths): IoVector|false", Alloc);
        t.Add("socket_iovec_fetch(IoVector $iovec, int $iovec_position): string",
            a => socket_iovec_fetch(Vector(a, 0), a.Int(1)));
        t.Add("socket_iovec_set(IoVector $iovec, int $iovec_position, string $new_val): bool",
            a => socket_iovec_set(Vector(a, 0), a.Int(1), a.String(2)));
        t.Add("socket_iovec_add(IoVector $iovec, int $iov_len): bool", a => socket_iovec_add(Vector(a, 0), a.Int(1)));
        t.Add("socket_iovec_delete(IoVector $iovec, int $iov_pos): bool", a => socket_iovec_delete(Vector(a, 0), a.Int(1)));
        t.Add("socket_iovec_free(IoVector $iovec): bool", a => socket_iovec_free(Vector(a, 0)));
        t.Add("socket_readv(Socket $socket, IoVector $iovec_id): bool", a => socket_readv(a.Socket(0), Vector(a, 1)));
        t.Add("socket_writev(Socket $socket, IoVector $iovec_id): bool", a => socket_writev(a.Socket(0), Vector(a, 1)));
    }

    private static object? Alloc(CallArguments a)
    {
        long count = a.Int(0);
        var lengths = new long[a.Count - 1];
        for (int i = 0; i < lengths.Length; i++) lengths[i] = a.Int(i + 1);
        return (object?)socket_iovec_alloc(count, lengths) ?? false;
    }

    private static IoVector Vector(CallArguments a, int position) =>
        a.Value(position) as IoVector ?? throw a.TypeMismatch(position);
}
