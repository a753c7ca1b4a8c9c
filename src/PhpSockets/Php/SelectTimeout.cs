using System;
using System.Diagnostics;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// socket_select's timeout, for both of its waits: the timespec of the first wait, built from PHP's
/// seconds and microseconds as select(2) gets them (microseconds of a second or more carried into the
/// seconds; a negative part stays negative, so the kernel answers EINVAL as it does to PHP), and what
/// is left of it for a wait that has to be taken up again.
/// </summary>
internal readonly struct SelectTimeout
{
    private readonly Int128 _nanoseconds;
    private readonly long _start;

    /// <summary>The timeout of <paramref name="seconds"/> (null: none) and <paramref name="microseconds"/>, starting now.</summary>
    internal SelectTimeout(long? seconds, long microseconds)
    {
        if (seconds is not { } sec) return;
        long usec = microseconds;
        if (usec > 999_999)
        {
            sec += usec / 1_000_000;
            usec %= 1_000_000;
        }
        HasLimit = true;
        First = new TimeSpec { Seconds = sec, Nanoseconds = usec * 1000 };
        _nanoseconds = (Int128)sec * 1_000_000_000 + usec * 1000;
        _start = Stopwatch.GetTimestamp(); // only a timeout needs the clock
    }

    /// <summary>False for a wait without a time limit.</summary>
    internal bool HasLimit { get; }

    /// <summary>The timespec of the first wait.</summary>
    internal TimeSpec First { get; }

    /// <summary>The whole timeout in nanoseconds.</summary>
    internal Int128 Nanoseconds => _nanoseconds;

    /// <summary>Nanoseconds left of the timeout (0 or less once it has passed).</summary>
    internal Int128 Left() => _nanoseconds - (Int128)Stopwatch.GetElapsedTime(_start).Ticks * 100;

    /// <summary>A timespec of <paramref name="nanoseconds"/> (not negative).</summary>
    internal static TimeSpec ToTimeSpec(Int128 nanoseconds) => new()
    {
        Seconds = (long)Int128.Min(nanoseconds / 1_000_000_000, long.MaxValue),
        Nanoseconds = (long)(nanoseconds % 1_000_000_000),
    };
}
