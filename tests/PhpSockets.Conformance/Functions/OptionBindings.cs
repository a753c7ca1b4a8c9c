using static PhpSockets.SocketFunctions;

namespace PhpSockets.Conformance.Functions;

/// <summary>
/// socket_get_option / socket_set_option and their aliases. The runner's values are already the
/// library's PHP values (null, bool, long, double, <see cref="PhpString"/>, <see cref="PhpArray"/>,
/// Socket), so socket_set_option's untyped <c>$value</c> is passed as it is and the library applies
/// PHP's conversions; a returned <see cref="PhpArray"/> prints as a PHP array. The alias bindings
/// call the library's alias, whose messages name the alias, as PHP's do.
/// </summary>
public static class OptionBindings
{
    /// <summary><c>socket_get_option(Socket $socket, int $level, int $option): array|int|false</c> (and socket_getopt).</summary>
    public static object? GetOption(CallArguments a)
    {
        Socket socket = a.Socket(0);
        long level = a.Int(1), option = a.Int(2);
        object? value = a.Signature.Name == "socket_getopt"
            ? socket_getopt(socket, level, option)
            : socket_get_option(socket, level, option);
        return value ?? false;
    }

    /// <summary><c>socket_set_option(Socket $socket, int $level, int $option, $value): bool</c> (and socket_setopt).</summary>
    public static object? SetOption(CallArguments a)
    {
        Socket socket = a.Socket(0);
        long level = a.Int(1), option = a.Int(2);
        object? value = a.Value(3);
        return a.Signature.Name == "socket_setopt"
            ? socket_setopt(socket, level, option, value)
            : socket_set_option(socket, level, option, value);
    }
}
