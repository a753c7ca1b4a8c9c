using System.Runtime.InteropServices;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Cli;

/// <summary>
/// The two socket options the tool needs, set with setsockopt(2) on the Socket's descriptor.
/// PhpSockets has no socket_set_option yet; once it has, these become
/// <c>socket_set_option($sock, SOL_SOCKET, SO_REUSEADDR, 1)</c> and
/// <c>socket_set_option($sock, SOL_SOCKET, SO_RCVTIMEO, ['sec' => n, 'usec' => 0])</c>.
/// </summary>
internal static unsafe partial class SocketOptions
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public long Seconds;
        public long Microseconds;
    }

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int option, void* value, int valueLength);

    /// <summary>SO_REUSEADDR = 1, so a restarted server can bind while old connections sit in TIME_WAIT. The errno, or 0.</summary>
    public static int SetReuseAddress(Socket socket)
    {
        int one = 1;
        return SetSockOpt(socket.Descriptor, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(int)) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>
    /// SO_RCVTIMEO and SO_SNDTIMEO (the latter also bounds connect(2) on Linux, which then fails
    /// with EINPROGRESS). The errno, or 0.
    /// </summary>
    public static int SetTimeouts(Socket socket, int seconds)
    {
        var timeout = new TimeVal { Seconds = seconds };
        if (SetSockOpt(socket.Descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(TimeVal)) != 0) return Marshal.GetLastPInvokeError();
        if (SetSockOpt(socket.Descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(TimeVal)) != 0) return Marshal.GetLastPInvokeError();
        return 0;
    }
}
