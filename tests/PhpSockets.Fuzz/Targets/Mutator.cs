using System;
using System.Collections.Generic;

namespace PhpSockets.Fuzz;

/// <summary>
/// A small havoc mutator (bit flips, interesting bytes and integers, inserts, deletes, splices)
/// for runs without AFL: the FsCheck properties and the <c>stress</c> command.
/// </summary>
public static class Mutator
{
    private static readonly byte[] s_interesting = [0, 1, 0x7f, 0x80, 0xff, (byte)'.', (byte)':', (byte)'%', (byte)'/', 16, 20, 24, 41, 50, 52, 67, 2, 10];

    public static byte[] Mutate(byte[] input, Random random, IReadOnlyList<byte[]> pool)
    {
        var data = new List<byte>(input);
        int rounds = 1 + random.Next(8);
        for (int r = 0; r < rounds; r++)
        {
            int position = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(8))
            {
                case 7 when data.Count > 0:
                    // A slice repeated thousands of times: deep nesting, long runs ("[[[[", "f(f(f(").
                    int start = random.Next(data.Count);
                    byte[] slice = data.GetRange(start, Math.Min(data.Count - start, 1 + random.Next(8))).ToArray();
                    int times = random.Next(8) == 0 ? 10000 + random.Next(10000) : 2 + random.Next(64);
                    var run = new byte[slice.Length * times];
                    for (int t = 0; t < times; t++) slice.CopyTo(run, t * slice.Length);
                    data.InsertRange(position, run);
                    break;
                case 0 when data.Count > 0: data[position] ^= (byte)(1 << random.Next(8)); break;
                case 1 when data.Count > 0: data[position] = s_interesting[random.Next(s_interesting.Length)]; break;
                case 2: data.Insert(position, (byte)random.Next(256)); break;
                case 3 when data.Count > 0: data.RemoveRange(position, Math.Min(data.Count - position, 1 + random.Next(8))); break;
                case 4 when data.Count >= position + 8:
                    long value = random.Next(4) switch { 0 => long.MaxValue, 1 => -1, 2 => 0x7FFF_FFFF_FFFF_FFF8, _ => random.Next(-64, 512) };
                    BitConverter.GetBytes(value).CopyTo(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(data).Slice(position, 8));
                    break;
                case 5 when pool.Count > 0:
                    byte[] other = pool[random.Next(pool.Count)];
                    if (other.Length > 0)
                    {
                        int from = random.Next(other.Length);
                        data.InsertRange(position, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(32))).ToArray());
                    }
                    break;
                default:
                    int count = 1 + random.Next(16);
                    for (int i = 0; i < count; i++) data.Insert(position, (byte)random.Next(256));
                    break;
            }
        }
        if (data.Count > 262144) data.RemoveRange(262144, data.Count - 262144);
        return data.ToArray();
    }
}
