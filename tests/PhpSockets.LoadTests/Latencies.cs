using System;
using System.Collections.Generic;
using System.Globalization;

namespace PhpSockets.LoadTests;

/// <summary>Round-trip times, reported as median and 99th percentile in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    internal int Count => _milliseconds.Count;

    internal void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    internal double Median => Percentile(50);

    internal double P99 => Percentile(99);

    /// <summary>The nearest-rank percentile; NaN when nothing was measured.</summary>
    internal double Percentile(double percent)
    {
        if (_milliseconds.Count == 0) return double.NaN;
        var sorted = new List<double>(_milliseconds);
        sorted.Sort();
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>"median 0.12 ms, p99 0.80 ms (200 round trips)".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"median {Median:0.00} ms, p99 {P99:0.00} ms ({Count} round trips)");
}
