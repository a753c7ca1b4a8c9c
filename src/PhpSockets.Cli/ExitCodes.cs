namespace PhpSockets.Cli;

/// <summary>phpsock's exit codes, the same for every command (listed by <c>phpsock --help</c>).</summary>
internal static class ExitCodes
{
    /// <summary>Done; for echo-server also a stop by 'shutdown', SIGINT or SIGTERM.</summary>
    public const int Success = 0;
    /// <summary>A socket call failed outside the cases below (socket, bind, listen, select).</summary>
    public const int Failure = 1;
    /// <summary>Bad command line: unknown command or option, bad port, bad URL.</summary>
    public const int Usage = 2;
    /// <summary>head: the host name could not be resolved.</summary>
    public const int HostNotFound = 3;
    /// <summary>head: the connection failed (refused, unreachable, timed out).</summary>
    public const int ConnectFailed = 4;
    /// <summary>head: sending the request or reading the response failed or timed out.</summary>
    public const int TransferFailed = 5;
}
