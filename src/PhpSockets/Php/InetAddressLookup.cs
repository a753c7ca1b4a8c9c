using System;

namespace PhpSockets;

/// <summary>
/// PHP's php_set_inet_addr / php_set_inet6_addr with their diagnostics, as the option and message
/// conversions use them: "Host lookup failed" recorded on the socket or the wrong-family warning,
/// and the warning for an unknown %scope interface.
/// </summary>
internal static class InetAddressLookup
{
    /// <summary>
    /// Resolves <paramref name="host"/> into 4 bytes (or 16 with <paramref name="v6"/>) of
    /// <paramref name="raw"/>; false after PHP's diagnostic.
    /// </summary>
    internal static bool Resolve(string fn, Socket socket, ReadOnlySpan<byte> host, bool v6, Span<byte> raw)
    {
        LookupOutcome outcome = v6
            ? HostResolver.ResolveInet6(host, raw, out int errorCode)
            : HostResolver.ResolveInet(host, raw[..4], out errorCode);
        switch (outcome)
        {
            case LookupOutcome.HostError:
                SocketErrors.Record(socket, fn, "Host lookup failed", errorCode);
                return false;
            case LookupOutcome.WrongFamily:
                PhpWarnings.Warn(v6
                    ? $"{fn}(): Host lookup failed: Non AF_INET6 domain returned on AF_INET6 socket"
                    : $"{fn}(): Host lookup failed: Non AF_INET domain returned on AF_INET socket");
                return false;
            default:
                return true;
        }
    }

    /// <summary>The %scope of an IPv6 address text (0 without one), after PHP's warning when no interface has that name.</summary>
    internal static uint ScopeId(string fn, ReadOnlySpan<byte> host)
    {
        uint scope = HostResolver.ScopeId(host, out string? unknownInterface);
        if (unknownInterface is not null) PhpWarnings.Warn($"{fn}(): No interface with name \"{unknownInterface}\" could be found");
        return scope;
    }
}
