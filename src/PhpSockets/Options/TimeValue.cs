using System;

namespace PhpSockets;

/// <summary>
/// A struct timeval: the value of SO_RCVTIMEO and SO_SNDTIMEO (socket(7)), PHP's
/// <c>['sec' => int, 'usec' => int]</c>. Zero means no timeout; the kernel rejects
/// <see cref="Microseconds"/> of 1,000,000 or more with EDOM.
/// </summary>
/// <param name="Seconds">tv_sec.</param>
/// <param name="Microseconds">tv_usec, 0 to 999,999.</param>
public readonly record struct TimeValue(long Seconds, long Microseconds)
{
    /// <summary>No timeout: a blocking call waits as long as it takes.</summary>
    public static TimeValue None => default;

    /// <summary>The whole seconds and microseconds of <paramref name="time"/> (finer ticks are dropped).</summary>
    public static TimeValue From(TimeSpan time) =>
        new(time.Ticks / TimeSpan.TicksPerSecond, time.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond);

    /// <summary>The same length of time as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan ToTimeSpan() => TimeSpan.FromTicks(Seconds * TimeSpan.TicksPerSecond + Microseconds * TimeSpan.TicksPerMicrosecond);

    /// <summary>PHP's array form, <c>['sec' => seconds, 'usec' => microseconds]</c>.</summary>
    public PhpArray ToPhpArray() => new() { ["sec"] = Seconds, ["usec"] = Microseconds };
}
