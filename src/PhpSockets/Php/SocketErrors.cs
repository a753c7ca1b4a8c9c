using System;
using System.Runtime.InteropServices;

namespace PhpSockets;

/// <summary>
/// PHP's error plumbing in one place: the per-thread global last error, PHP_SOCKET_ERROR (record
/// on the socket and globally, warn unless the errno means "try again"), and the checks that throw.
/// </summary>
internal static class SocketErrors
{
    internal const int EINTR = 4;
    internal const int EBADF = 9;
    internal const int EAGAIN = 11;
    internal const int EINVAL = 22;
    internal const int ECONNRESET = 104;
    internal const int EINPROGRESS = 115;

    [ThreadStatic]
    private static int t_lastError;

    /// <summary>PHP's global <c>last_error</c>, one per thread as errno is.</summary>
    internal static int LastError
    {
        get => t_lastError;
        set => t_lastError = value;
    }

    /// <summary>errno of the P/Invoke just made on this thread.</summary>
    internal static int Errno() => Marshal.GetLastPInvokeError();

    /// <summary>
    /// PHP_SOCKET_ERROR: records <paramref name="errno"/> on <paramref name="socket"/> (when given) and
    /// globally, then warns <c>fn(): msg [errno]: text</c> unless errno is EAGAIN/EWOULDBLOCK/EINPROGRESS.
    /// </summary>
    internal static void Record(Socket? socket, string function, string message, int errno)
    {
        if (socket is not null) socket.Error = errno;
        t_lastError = errno;
        if (errno != EAGAIN && errno != EINPROGRESS) Warn(function, message, errno);
    }

    /// <summary>The functions that bypass PHP_SOCKET_ERROR: global error only, and a warning always.</summary>
    internal static void RecordGlobal(string function, string message, int errno)
    {
        t_lastError = errno;
        Warn(function, message, errno);
    }

    internal static void Warn(string function, string message, int errno) =>
        PhpWarnings.Warn($"{function}(): {message} [{errno}]: {ErrorText.For(errno)}");

    /// <summary>Throws PHP's Error for a socket that socket_close already closed.</summary>
    internal static Socket EnsureOpen(Socket socket, string function, int argument = 1, string name = "socket")
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.IsClosed) throw new PhpError($"{function}(): Argument #{argument} (${name}) has already been closed");
        return socket;
    }

    /// <summary>The ValueError PHP raises for a Socket or AddressInfo of a family it cannot handle.</summary>
    internal static PhpValueError UnsupportedFamily(string function, int argument = 1, string name = "socket") =>
        new($"{function}(): Argument #{argument} (${name}) must be one of AF_UNIX, AF_INET, or AF_INET6");

    /// <summary>
    /// Ports outside 0..65535 raise PHP 8.5's ValueError: PHP 8.2 wraps them to 16 bits silently,
    /// which binds or reaches the wrong port (docs/divergences.md).
    /// </summary>
    internal static ushort CheckPort(string function, int argument, long port)
    {
        if (port is < 0 or > 65535) throw new PhpValueError($"{function}(): Argument #{argument} ($port) must be between 0 and 65535");
        return (ushort)port;
    }
}
