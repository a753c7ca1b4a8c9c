using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Tests.BadInput;

/// <summary>What a row starts from: the sockets in <c>$s</c> (and <c>$p</c>) before its call.</summary>
public enum Setup
{
    None,
    InetUdp,
    Inet6Udp,
    InetTcp,
    UnixDgram,
    UnixStream,
    /// <summary>A closed AF_INET TCP socket.</summary>
    Closed,
    /// <summary>An AF_UNIX stream pair: <c>$s</c> and <c>$p</c>.</summary>
    Pair,
    /// <summary>The pair, with "abc\n" waiting on <c>$s</c>.</summary>
    PairWithData,
}

/// <summary>
/// One row of the bad-input table: a call with an argument at or past its limits, PHP's snippet for
/// the same call, and the outcome line both give (docs/reliability.md, "Bad input"). An outcome is
/// <c>= VALUE</c> or <c>throw CLASS: MESSAGE</c>, then <c> | ! Warning: MESSAGE</c> for each warning,
/// then <c> | last_error = N</c> (the global error after socket_clear_error() before the call).
/// </summary>
/// <param name="Name">The test's name.</param>
/// <param name="Function">The function under test.</param>
/// <param name="Input">The bad input, in words.</param>
/// <param name="Setup">The sockets the call gets.</param>
/// <param name="Php">PHP's expression, with <c>$s</c>, <c>$p</c>, <c>path(N)</c> (an AF_UNIX path of N bytes in a temp folder).</param>
/// <param name="Call">The same call on PhpSockets; it returns the PHP value (see <see cref="BadInputValues"/>).</param>
/// <param name="Expected">PhpSockets' outcome.</param>
/// <param name="Php82">PHP 8.2's outcome where it differs (a deliberate divergence, docs/divergences.md); null when the same.</param>
/// <param name="RunPhp">False where PHP 8.2 cannot be asked safely (a fatal error, a listener on all interfaces, stack garbage); <paramref name="Php82"/> then says what it does.</param>
public sealed record BadInputCase(
    string Name, string Function, string Input, Setup Setup, string Php, Func<BadInputEnv, object?> Call, string Expected,
    string? Php82 = null, bool RunPhp = true)
{
    public override string ToString() => Name;
}

/// <summary>The sockets and the temp folder a row runs with; disposing closes and removes them.</summary>
public sealed class BadInputEnv : IDisposable
{
    private readonly List<Socket> _sockets = new();

    public BadInputEnv(Setup setup)
    {
        Tmp = "/tmp/psbad-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(Tmp);
        switch (setup)
        {
            case Setup.InetUdp: S = Own(socket_create(AF_INET, SOCK_DGRAM, 0)); break;
            case Setup.Inet6Udp: S = Own(socket_create(AF_INET6, SOCK_DGRAM, 0)); break;
            case Setup.InetTcp: S = Own(socket_create(AF_INET, SOCK_STREAM, SOL_TCP)); break;
            case Setup.UnixDgram: S = Own(socket_create(AF_UNIX, SOCK_DGRAM, 0)); break;
            case Setup.UnixStream: S = Own(socket_create(AF_UNIX, SOCK_STREAM, 0)); break;
            case Setup.Closed:
                S = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
                socket_close(S);
                break;
            case Setup.Pair:
            case Setup.PairWithData:
                Socket[]? pair = null;
                if (!socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref pair)) throw new InvalidOperationException("socket_create_pair");
                S = Own(pair![0]);
                P = Own(pair[1]);
                if (setup == Setup.PairWithData) socket_write(P, "abc\n");
                break;
        }
    }

    /// <summary><c>$s</c>.</summary>
    public Socket S { get; } = null!;

    /// <summary><c>$p</c>, the other end of a pair.</summary>
    public Socket P { get; } = null!;

    /// <summary>A fresh folder, /tmp/psbad-XXXXXXXX (19 bytes, as PHP's side makes it).</summary>
    public string Tmp { get; }

    /// <summary>PHP's <c>path(N)</c>: an AF_UNIX path of exactly <paramref name="length"/> bytes in the folder.</summary>
    public PhpString Path(int length) => Tmp + "/" + new string('a', length - Tmp.Length - 1);

    /// <summary>Sockets made during the call, closed with the row.</summary>
    public T Keep<T>(T value)
    {
        if (value is Socket s) _sockets.Add(s);
        if (value is Socket[] pair) _sockets.AddRange(pair);
        return value;
    }

    private Socket Own(Socket? socket)
    {
        _sockets.Add(socket ?? throw new InvalidOperationException("socket_create failed in a row's setup"));
        return socket;
    }

    public void Dispose()
    {
        foreach (Socket s in _sockets)
        {
            if (!s.IsClosed) socket_close(s);
        }
        Directory.Delete(Tmp, recursive: true);
    }
}

/// <summary>
/// The values of outcome lines, written the same way on both sides: NULL, true, false, integers,
/// "strings" (FORMAT.md's escaping), Socket, AddressInfo, resource, array(N), and (a, b) for a tuple
/// of a result with its by-reference arguments.
/// </summary>
public static class BadInputValues
{
    /// <summary>A result and the by-reference values after the call: PHP's <c>t($r, $x)</c>.</summary>
    public sealed record Tuple(object?[] Items);

    public static Tuple T(params object?[] items) => new(items);

    /// <summary>PhpSockets' null for PHP's false (int?, Socket?, PhpString? results).</summary>
    public static object F(object? value) => value ?? false;

    public static string Format(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "true" : "false",
        int or long or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        double d => $"float({PhpValues.DoubleToString(d)})",
        PhpString s => Quote(s.Span),
        string s => Quote(Encoding.UTF8.GetBytes(s)),
        Socket => "Socket",
        AddressInfo => "AddressInfo",
        Stream => "resource",
        PhpArray a => $"array({a.Count})",
        Array a => $"array({a.Length})",
        Tuple t => "(" + string.Join(", ", Array.ConvertAll(t.Items, Format)) + ")",
        IoVector => "IoVector",
        _ => $"object({value.GetType().Name})",
    };

    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder("\"");
        foreach (byte b in bytes)
        {
            if (b == '"' || b == '\\') text.Append('\\').Append((char)b);
            else if (b is >= 0x20 and <= 0x7e) text.Append((char)b);
            else text.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }
        return text.Append('"').ToString();
    }

    /// <summary>
    /// PHP reports the thread's h_errno after a failed lookup, stale from whatever lookup came before
    /// (PhpSockets does the same): every row starts from the value a failed '' lookup leaves,
    /// NO_RECOVERY, on both sides.
    /// </summary>
    public static void ResetResolverError()
    {
        Socket s = socket_create(AF_INET, SOCK_DGRAM, 0)!;
        using (PhpWarnings.Capture(new List<PhpWarning>())) socket_bind(s, "", 0);
        socket_close(s);
    }

    /// <summary>Runs a row on PhpSockets: its outcome line.</summary>
    public static string Outcome(BadInputCase row, BadInputEnv env)
    {
        var warnings = new List<PhpWarning>();
        string head;
        ResetResolverError();
        socket_clear_error();
        using (PhpWarnings.Capture(warnings))
        {
            try
            {
                head = "= " + Format(row.Call(env));
            }
            catch (PhpError e)
            {
                head = $"throw {e.PhpClass}: {e.Message}";
            }
        }
        var line = new StringBuilder(head);
        foreach (PhpWarning w in warnings) line.Append(" | ! ").Append(w.Level).Append(": ").Append(w.Message);
        return line.Append(" | last_error = ").Append(socket_last_error()).ToString();
    }
}
