using System.Collections.Generic;
using System.Runtime.InteropServices;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Conformance;

/// <summary>
/// The <c>#! requires:</c> checks of FORMAT.md, made with PhpSockets itself: ipv6 (an AF_INET6
/// socket can bind ::1), unix (an AF_UNIX socket can be created), root (the effective user id is 0).
/// </summary>
public static partial class Requirements
{
    /// <summary>The first requirement, in the order listed, that this machine lacks; null when all hold.</summary>
    public static string? FirstMissing(IEnumerable<string> requirements)
    {
        foreach (string requirement in requirements)
        {
            if (!Holds(requirement)) return requirement;
        }
        return null;
    }

    private static bool Holds(string requirement)
    {
        // The probes' warnings and errors are not part of any transcript.
        using (PhpWarnings.Capture([]))
        {
            try
            {
                return requirement switch
                {
                    "ipv6" => CanBind(AF_INET6, "::1"),
                    "unix" => CanCreate(AF_UNIX),
                    "root" => GetEffectiveUserId() == 0,
                    _ => false,
                };
            }
            finally
            {
                socket_clear_error();
            }
        }
    }

    private static bool CanBind(int family, string address)
    {
        Socket? socket = socket_create(family, SOCK_DGRAM, 0);
        if (socket is null) return false;
        bool bound = socket_bind(socket, address, 0);
        socket_close(socket);
        return bound;
    }

    private static bool CanCreate(int family)
    {
        Socket? socket = socket_create(family, SOCK_STREAM, 0);
        if (socket is null) return false;
        socket_close(socket);
        return true;
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
