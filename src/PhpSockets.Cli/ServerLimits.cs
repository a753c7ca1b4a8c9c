using System;
using System.IO;
using System.Net;

namespace PhpSockets.Cli;

/// <summary>The echo server's defaults that depend on the machine: the client limit and what counts as loopback.</summary>
internal static class ServerLimits
{
    /// <summary>
    /// Descriptors kept back from the client limit: the runtime's own (about 20 measured at start-up:
    /// standard streams, its pipes, eventfds and mapped files), the listener, the wake-up pair, the
    /// spare of <see cref="AcceptGuard"/>, and room for the refused connection that spare serves.
    /// </summary>
    public const int DescriptorMargin = 64;

    /// <summary>The soft RLIMIT_NOFILE less <see cref="DescriptorMargin"/>, at least 1.</summary>
    public static int DefaultMaxClients()
    {
        long soft = SoftDescriptorLimit();
        return (int)Math.Clamp(soft - DescriptorMargin, 1, int.MaxValue);
    }

    /// <summary>The soft "Max open files" of /proc/self/limits (no interop needed); 1024 if it cannot be read.</summary>
    public static long SoftDescriptorLimit()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                string[] fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 0 && long.TryParse(fields[0], out long soft)) return soft;
                if (fields.Length > 0 && fields[0] == "unlimited") return int.MaxValue;
            }
        }
        catch (IOException)
        {
        }
        return 1024;
    }

    /// <summary>127.0.0.0/8, ::1, ::ffff:127.x.x.x and "localhost"; 0.0.0.0 and :: listen on every interface, so they are not.</summary>
    public static bool IsLoopback(string address)
    {
        string host = address.TrimStart('[').TrimEnd(']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        if (!IPAddress.TryParse(host, out IPAddress? ip)) return false;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        return IPAddress.IsLoopback(ip);
    }
}
