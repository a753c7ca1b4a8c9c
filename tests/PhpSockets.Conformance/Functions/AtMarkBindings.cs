using static PhpSockets.SocketFunctions;

namespace PhpSockets.Conformance.Functions;

/// <summary>
/// socket_atmark, which PHP 8.3 adds and PhpSockets provides: PHP 8.2 cannot run it, so its
/// scenarios live in conformance/divergences/ with hand-written transcripts. The signature is
/// PHP 8.3's.
/// </summary>
public static class AtMarkBindings
{
    public static void Register(FunctionTable t) =>
        t.Add("socket_atmark(Socket $socket): bool", a => socket_atmark(a.Socket(0)));
}
