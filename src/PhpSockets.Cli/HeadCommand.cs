using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using static PhpSockets.SocketFunctions;
using Socket = PhpSockets.Socket;

namespace PhpSockets.Cli;

/// <summary>
/// <c>phpsock head URL</c>: the PHP manual's second example (an HTTP HEAD client) made real:
/// socket_create, socket_connect (which resolves the host name as PHP does), one
/// <c>HEAD /path HTTP/1.0</c> request with a Host header, and the response copied to standard
/// output as it arrives, read with socket_read until it returns "".
/// </summary>
internal static class HeadCommand
{
    private const int DefaultTimeoutSeconds = 10;
    private const int EINPROGRESS = 115;

    private static readonly string[] s_valueOptions = ["timeout"];
    private static readonly string[] s_flagOptions = [];

    /// <summary>What an http:// URL names.</summary>
    internal sealed record Target(string Host, bool IsIPv6, int Port, string Path)
    {
        /// <summary>The Host header: the host (IPv6 in brackets), and the port unless it is 80.</summary>
        public string HostHeader => (IsIPv6 ? $"[{Host}]" : Host) + (Port == 80 ? "" : $":{Port}");

        public string Endpoint => (IsIPv6 ? $"[{Host}]" : Host) + $":{Port}";
    }

    public static int Run(ReadOnlySpan<string> args)
    {
        CommandLine line = CommandLine.Parse(args, s_valueOptions, s_flagOptions);
        if (line.HelpRequested) return Usage.Help("head");
        if (line.Positionals.Count != 1)
            throw new UsageException(line.Positionals.Count == 0 ? "head needs a URL" : $"head takes one URL (got {line.Positionals.Count} arguments)");
        int timeout = line.GetSeconds("timeout", DefaultTimeoutSeconds);
        string url = line.Positionals[0];
        if (!TryParseUrl(url, out Target? target, out string? problem))
            throw new UsageException($"bad URL '{url}': {problem}");

        var warnings = new List<PhpWarning>();
        using IDisposable quiet = PhpWarnings.Capture(warnings);
        int status = Connect(target, timeout, warnings, out Socket? socket);
        if (socket is null) return status;
        try
        {
            return Exchange(socket, target);
        }
        finally
        {
            socket_close(socket);
        }
    }

    /// <summary>
    /// socket_create and socket_connect. A name is tried on AF_INET first (PHP resolves it with
    /// gethostbyname), then on AF_INET6 when it has no IPv4 address.
    /// </summary>
    private static int Connect(Target target, int timeout, List<PhpWarning> warnings, out Socket? connected)
    {
        connected = null;
        int[] families = target.IsIPv6 ? [AF_INET6] : IsIPv4Literal(target.Host) ? [AF_INET] : [AF_INET, AF_INET6];
        string? lookupProblem = null;
        foreach (int family in families)
        {
            warnings.Clear();
            Socket? socket = socket_create(family, SOCK_STREAM, SOL_TCP);
            if (socket is null)
            {
                Console.Error.WriteLine($"phpsock head: socket_create() failed: {socket_strerror(socket_last_error())}");
                return ExitCodes.Failure;
            }
            // SO_SNDTIMEO also bounds connect(2) on Linux, which then fails with EINPROGRESS.
            socket_set_option(socket, SOL_SOCKET, SO_RCVTIMEO, new TimeValue(timeout, 0));
            socket_set_option(socket, SOL_SOCKET, SO_SNDTIMEO, new TimeValue(timeout, 0));
            if (socket_connect(socket, target.Host, target.Port))
            {
                connected = socket;
                return ExitCodes.Success;
            }
            int error = socket_last_error(socket);
            socket_close(socket);
            if (error < -10000 || error == 0)
            {
                // The resolver failed (-10000 - h_errno), or answered with another family (a warning, no code).
                lookupProblem ??= error != 0 ? socket_strerror(error) : warnings.Count > 0 ? warnings[^1].Message : "lookup failed";
                continue;
            }
            string reason = error is EINPROGRESS or SOCKET_EAGAIN ? $"timed out after {timeout} s" : socket_strerror(error);
            Console.Error.WriteLine($"phpsock head: cannot connect to {target.Endpoint}: {reason}");
            return ExitCodes.ConnectFailed;
        }
        Console.Error.WriteLine($"phpsock head: cannot resolve host '{target.Host}': {lookupProblem}");
        return ExitCodes.HostNotFound;
    }

    /// <summary>Sends the request with as many socket_write calls as it takes, then copies the response to standard output.</summary>
    private static int Exchange(Socket socket, Target target)
    {
        PhpString request = $"HEAD {target.Path} HTTP/1.0\r\nHost: {target.HostHeader}\r\n\r\n";
        ReadOnlySpan<byte> unsent = request.Span;
        while (!unsent.IsEmpty)
        {
            int? written = socket_write(socket, unsent);
            if (written is null) return TransferFailed(socket, "cannot send the request");
            unsent = unsent[written.Value..];
        }

        using Stream output = Console.OpenStandardOutput();
        Span<byte> buffer = stackalloc byte[8192];
        while (true)
        {
            int? count = socket_read(socket, buffer, PHP_BINARY_READ);
            if (count is null) return TransferFailed(socket, "cannot read the response");
            if (count == 0) break;
            output.Write(buffer[..count.Value]);
            output.Flush();
        }
        return ExitCodes.Success;
    }

    private static int TransferFailed(Socket socket, string what)
    {
        int error = socket_last_error(socket);
        string reason = error == SOCKET_EAGAIN ? "timed out" : socket_strerror(error);
        Console.Error.WriteLine($"phpsock head: {what}: {reason}");
        return ExitCodes.TransferFailed;
    }

    private static bool IsIPv4Literal(string host) =>
        IPAddress.TryParse(host, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetwork && host.Split('.').Length == 4;

    /// <summary>
    /// Parses <c>http://host[:port][/path][?query][#fragment]</c>: host a name, an IPv4 address or an
    /// IPv6 address in brackets; port 1 to 65535, 80 by default; the path "/" when empty; the
    /// fragment dropped. No user info, no other scheme.
    /// </summary>
    internal static bool TryParseUrl(string url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Target? target, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        target = null;
        const string prefix = "http://";
        if (!url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            problem = scheme > 0 ? $"only http:// URLs are supported, not {url[..scheme]}://" : "it must start with http://";
            return false;
        }
        string rest = url[prefix.Length..];
        int authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        string authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        string path = authorityEnd < 0 ? "" : rest[authorityEnd..];
        int fragment = path.IndexOf('#');
        if (fragment >= 0) path = path[..fragment];
        if (!path.StartsWith('/')) path = "/" + path;
        foreach (char c in path)
        {
            if (c <= ' ' || c == 0x7F)
            {
                problem = "the path must not contain spaces or control characters (percent-encode them)";
                return false;
            }
        }
        if (authority.Contains('@'))
        {
            problem = "user names and passwords (user@host) are not supported";
            return false;
        }

        string host;
        string portText;
        bool v6 = authority.StartsWith('[');
        if (v6)
        {
            int close = authority.IndexOf(']');
            if (close < 0)
            {
                problem = "missing ']' after the IPv6 address";
                return false;
            }
            host = authority[1..close];
            string after = authority[(close + 1)..];
            if (after.Length > 0 && after[0] != ':')
            {
                problem = $"unexpected '{after}' after the IPv6 address";
                return false;
            }
            portText = after.Length > 0 ? after[1..] : "";
            if (!IPAddress.TryParse(host.Split('%')[0], out IPAddress? address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                problem = $"'{host}' is not an IPv6 address";
                return false;
            }
        }
        else
        {
            int colon = authority.IndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? "" : authority[(colon + 1)..];
            if (portText.Contains(':'))
            {
                problem = "an IPv6 address must be written in brackets, as in http://[::1]:8080/";
                return false;
            }
            foreach (char c in host)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
                {
                    problem = $"'{host}' is not a valid host name";
                    return false;
                }
            }
        }
        if (host.Length == 0)
        {
            problem = "it has no host";
            return false;
        }
        int port = 80;
        if (portText.Length > 0 &&
            (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            problem = $"'{portText}' is not a port number from 1 to 65535";
            return false;
        }
        target = new Target(host, v6, port, path);
        problem = null;
        return true;
    }
}
