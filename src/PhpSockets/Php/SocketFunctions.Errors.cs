namespace PhpSockets;

/// <summary>
/// PHP's sockets extension as static methods named as PHP names them, with PHP's parameter order
/// and defaults: <c>using static PhpSockets.SocketFunctions;</c> lets ported PHP code read line for line.
/// PHP's <c>false</c> is <c>null</c> (or <c>false</c> for bool functions), by-reference parameters are
/// <c>ref</c>, warnings go to <see cref="PhpWarnings"/>, and PHP's Error, TypeError and ValueError are
/// thrown as <see cref="PhpError"/> and its subclasses with PHP's messages.
/// </summary>
public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_last_error(?Socket $socket = null): int</c>: the socket's last error, or with no socket
    /// the last error of any socket function on this thread. Successful calls do not reset it.
    /// </summary>
    public static int socket_last_error(Socket? socket = null) =>
        socket is null ? SocketErrors.LastError : SocketErrors.EnsureOpen(socket, nameof(socket_last_error)).Error;

    /// <summary><c>socket_clear_error(?Socket $socket = null): void</c>: zeroes the socket's, or this thread's, last error.</summary>
    public static void socket_clear_error(Socket? socket = null)
    {
        if (socket is null) SocketErrors.LastError = 0;
        else SocketErrors.EnsureOpen(socket, nameof(socket_clear_error)).Error = 0;
    }

    /// <summary>
    /// <c>socket_strerror(int $error_code): string</c>: the C library's text for an errno, or the
    /// resolver's text for codes below -10000 (-10000 - h_errno).
    /// </summary>
    public static string socket_strerror(long error_code)
    {
        if (error_code is < int.MinValue or > int.MaxValue)
            throw new PhpValueError("socket_strerror(): Argument #1 ($error_code) must be between -2147483648 and 2147483647");
        return ErrorText.For((int)error_code);
    }
}
