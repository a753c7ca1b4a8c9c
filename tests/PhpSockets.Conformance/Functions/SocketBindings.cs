using System.Collections.Generic;
using PhpSockets.Conformance.Evaluation;
using PhpSockets.Conformance.Values;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Conformance.Functions;

/// <summary>
/// PHP 8.2's sockets extension, function by function: the exact PHP signature (from Reflection,
/// docs reference §1.1) and the binding to PhpSockets. A function PhpSockets does not have yet is
/// declared with a null binding: scenarios may name it, and calling it throws PHP's
/// "Call to undefined function" until its binding is written here.
/// </summary>
public static partial class SocketBindings
{
    public static void Register(FunctionTable t)
    {
        t.Add("socket_select(?array &$read, ?array &$write, ?array &$except, ?int $seconds, int $microseconds = 0): int|false", Select);
        t.Add("socket_create_listen(int $port, int $backlog = 128): Socket|false",
            a => Results.SocketOrFalse(socket_create_listen(a.Int(0), a.Int(1, 128))));
        t.Add("socket_accept(Socket $socket): Socket|false", a => Results.SocketOrFalse(socket_accept(a.Socket(0))));
        t.Add("socket_set_nonblock(Socket $socket): bool", a => socket_set_nonblock(a.Socket(0)));
        t.Add("socket_set_block(Socket $socket): bool", a => socket_set_block(a.Socket(0)));
        t.Add("socket_listen(Socket $socket, int $backlog = 0): bool", a => socket_listen(a.Socket(0), a.Int(1, 0)));
        t.Add("socket_close(Socket $socket): void", a =>
        {
            socket_close(a.Socket(0));
            return null;
        });
        t.Add("socket_write(Socket $socket, string $data, ?int $length = null): int|false",
            a => Results.IntOrFalse(socket_write(a.Socket(0), a.String(1), a.NullableInt(2))));
        t.Add("socket_read(Socket $socket, int $length, int $mode = PHP_BINARY_READ): string|false",
            a => Results.StringOrFalse(socket_read(a.Socket(0), a.Int(1), a.Int(2, PHP_BINARY_READ))));
        t.Add("socket_getsockname(Socket $socket, &$address, &$port = null): bool", a => SocketName(a, peer: false));
        t.Add("socket_getpeername(Socket $socket, &$address, &$port = null): bool", a => SocketName(a, peer: true));
        t.Add("socket_create(int $domain, int $type, int $protocol): Socket|false",
            a => Results.SocketOrFalse(socket_create(a.Int(0), a.Int(1), a.Int(2))));
        t.Add("socket_connect(Socket $socket, string $address, ?int $port = null): bool",
            a => socket_connect(a.Socket(0), a.String(1), a.NullableInt(2)));
        t.Add("socket_strerror(int $error_code): string", a => (PhpString)socket_strerror(a.Int(0)));
        t.Add("socket_bind(Socket $socket, string $address, int $port = 0): bool",
            a => socket_bind(a.Socket(0), a.String(1), a.Int(2, 0)));
        t.Add("socket_recv(Socket $socket, &$data, int $length, int $flags): int|false", Recv);
        t.Add("socket_send(Socket $socket, string $data, int $length, int $flags): int|false",
            a => Results.IntOrFalse(socket_send(a.Socket(0), a.String(1), a.Int(2), a.Int(3))));
        t.Add("socket_recvfrom(Socket $socket, &$data, int $length, int $flags, &$address, &$port = null): int|false", RecvFrom);
        t.Add("socket_sendto(Socket $socket, string $data, int $length, int $flags, string $address, ?int $port = null): int|false",
            a => Results.IntOrFalse(socket_sendto(a.Socket(0), a.String(1), a.Int(2), a.Int(3), a.String(4), a.NullableInt(5))));
        t.Add("socket_get_option(Socket $socket, int $level, int $option): array|int|false", OptionBindings.GetOption);
        t.AddAlias("socket_getopt", "socket_get_option");
        t.Add("socket_set_option(Socket $socket, int $level, int $option, $value): bool", OptionBindings.SetOption);
        t.AddAlias("socket_setopt", "socket_set_option");
        t.Add("socket_create_pair(int $domain, int $type, int $protocol, &$pair): bool", CreatePair);
        t.Add("socket_shutdown(Socket $socket, int $mode = 2): bool", a => socket_shutdown(a.Socket(0), a.Int(1, 2)));
        t.Add("socket_last_error(?Socket $socket = null): int", a => (long)socket_last_error(a.NullableSocket(0)));
        t.Add("socket_clear_error(?Socket $socket = null): void", a =>
        {
            socket_clear_error(a.NullableSocket(0));
            return null;
        });
        // The untyped $stream is checked by the library itself (PHP's zpp 'r' with its own messages).
        t.Add("socket_import_stream($stream): Socket|false", a => Results.SocketOrFalse(socket_import_stream(a.Value(0))));
        t.Add("socket_export_stream(Socket $socket)", a => socket_export_stream(a.Socket(0)));
        t.Add("socket_sendmsg(Socket $socket, array $message, int $flags = 0): int|false",
            a => Results.IntOrFalse(socket_sendmsg(a.Socket(0), a.Array(1), a.Int(2, 0))));
        t.Add("socket_recvmsg(Socket $socket, array &$message, int $flags = 0): int|false", RecvMsg);
        t.Add("socket_cmsg_space(int $level, int $type, int $num = 0): ?int", a => socket_cmsg_space(a.Int(0), a.Int(1), a.Int(2, 0)));
        t.Add("socket_addrinfo_lookup(string $host, ?string $service = null, array $hints = []): array|false", a =>
        {
            AddressInfo[]? entries = socket_addrinfo_lookup(a.String(0), a.NullableString(1), a.Has(2) ? a.Array(2) : null);
            if (entries is null) return false;
            var list = new PhpArray();
            foreach (AddressInfo entry in entries) list.Add(entry);
            return list;
        });
        t.Add("socket_addrinfo_connect(AddressInfo $address): Socket|false",
            a => Results.SocketOrFalse(socket_addrinfo_connect(a.Object<AddressInfo>(0))));
        t.Add("socket_addrinfo_bind(AddressInfo $address): Socket|false",
            a => Results.SocketOrFalse(socket_addrinfo_bind(a.Object<AddressInfo>(0))));
        t.Add("socket_addrinfo_explain(AddressInfo $address): array", a => socket_addrinfo_explain(a.Object<AddressInfo>(0)));
    }
}
