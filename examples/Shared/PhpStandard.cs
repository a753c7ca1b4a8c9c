using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using PhpSockets;

namespace PhpSockets.Examples;

/// <summary>
/// The few PHP built-ins outside ext/sockets that the manual's examples use (echo, trim, strlen,
/// gethostbyname, getservbyname), so that the ports read line for line with
/// <c>using static PhpSockets.Examples.PhpStandard;</c>.
/// </summary>
internal static partial class PhpStandard
{
    private static readonly Stream s_stdout = Console.OpenStandardOutput();

    /// <summary>PHP's <c>echo</c>: the bytes of the string, as they are, on standard output.</summary>
    public static void echo(PhpString text)
    {
        s_stdout.Write(text.Span);
        s_stdout.Flush();
    }

    /// <summary>PHP's <c>echo</c> of a literal: its UTF-8 bytes, as PHP writes a UTF-8 source file's string.</summary>
    public static void echo(string text) => echo((PhpString)text);

    /// <summary>PHP's <c>trim()</c> with its default characters.</summary>
    public static PhpString trim(PhpString text) => text.Trim();

    /// <summary>PHP's <c>strlen()</c>: the length in bytes.</summary>
    public static int strlen(PhpString text) => text.Length;

    /// <summary>
    /// PHP's <c>gethostbyname()</c>: the host's first IPv4 address as a dotted quad, or the name
    /// unchanged when it cannot be resolved.
    /// </summary>
    public static string gethostbyname(string hostname)
    {
        try
        {
            foreach (IPAddress address in Dns.GetHostAddresses(hostname, AddressFamily.InterNetwork))
            {
                return address.ToString();
            }
        }
        catch (SocketException)
        {
        }
        catch (ArgumentException)
        {
        }
        return hostname;
    }

    /// <summary>PHP's <c>getservbyname()</c>: the port of a service from /etc/services, or null (PHP's false).</summary>
    public static int? getservbyname(string service, string protocol)
    {
        nint entry = GetServByName(service, protocol);
        if (entry == 0) return null;
        // struct servent { char *s_name; char **s_aliases; int s_port; char *s_proto; }: the port is in network byte order.
        int networkPort = Marshal.ReadInt32(entry, 2 * IntPtr.Size);
        return (ushort)IPAddress.NetworkToHostOrder((short)networkPort);
    }

    [LibraryImport("libc", EntryPoint = "getservbyname", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetServByName(string name, string protocol);
}
