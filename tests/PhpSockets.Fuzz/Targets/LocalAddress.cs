using System;

namespace PhpSockets.Fuzz;

/// <summary>
/// Which address strings glibc answers without asking DNS, so a fuzzer may hand them to PHP's
/// resolution rules (gethostbyname_r for AF_INET, getaddrinfo with AI_V4MAPPED|AI_ADDRCONFIG for
/// AF_INET6). Everything else is kept away from the resolver. Checked with strace on this
/// machine's glibc 2.36 (docs/reliability.md, "Fuzzing"): none of the accepted shapes sends a
/// packet to port 53. The long runs also run in a network namespace of their own, so a mistake
/// here could still reach no server.
/// </summary>
public static unsafe class LocalAddress
{
    /// <summary>The library copies at most this many bytes of a host name into its C string.</summary>
    private const int NameLimit = 4096;

    /// <summary>PHP skips the resolver for AF_INET names longer than MAXFQDNLEN.</summary>
    private const int MaxFqdnLength = 255;

    /// <summary>Safe for both families (what a value that may land in any address slot must be).</summary>
    public static bool IsLocal(ReadOnlySpan<byte> text) => IsLocalForInet(text) && IsLocalForInet6(text);

    /// <summary>AF_INET: a dotted quad, an empty or over-long name, digits and dots (glibc's digits_dots), an IPv6 literal.</summary>
    public static bool IsLocalForInet(ReadOnlySpan<byte> text)
    {
        ReadOnlySpan<byte> c = CString(text);
        if (c.Length == 0 || c.Length > MaxFqdnLength) return true;
        if (Pton(Native.AF_INET, c) || Pton(Native.AF_INET6, c)) return true;
        return IsDigitsAndDots(c);
    }

    /// <summary>AF_INET6: an IPv6 literal (with or without a %scope), a dotted quad, or empty.</summary>
    public static bool IsLocalForInet6(ReadOnlySpan<byte> text)
    {
        ReadOnlySpan<byte> c = CString(text);
        if (c.Length == 0) return true;
        if (Pton(Native.AF_INET6, c) || Pton(Native.AF_INET, c)) return true;
        int percent = c.IndexOf((byte)'%');
        return percent > 0 && Pton(Native.AF_INET6, c[..percent]);
    }

    /// <summary>Digits and dots only, starting with a digit and not ending with a dot: glibc parses it with inet_aton and never looks further.</summary>
    private static bool IsDigitsAndDots(ReadOnlySpan<byte> c)
    {
        if (c.Length == 0 || !char.IsAsciiDigit((char)c[0]) || c[^1] == '.') return false;
        foreach (byte b in c)
        {
            if (!char.IsAsciiDigit((char)b) && b != '.') return false;
        }
        return true;
    }

    private static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> text)
    {
        int nul = text.IndexOf((byte)0);
        ReadOnlySpan<byte> c = nul < 0 ? text : text[..nul];
        return c.Length > NameLimit ? c[..NameLimit] : c;
    }

    private static bool Pton(int family, ReadOnlySpan<byte> c)
    {
        if (c.Length > 64) return false;
        Span<byte> name = stackalloc byte[c.Length + 1];
        c.CopyTo(name);
        name[c.Length] = 0;
        byte* address = stackalloc byte[16];
        fixed (byte* n = name) return Native.InetPton(family, n, address) == 1;
    }
}
