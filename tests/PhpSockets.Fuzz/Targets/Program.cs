using System;
using System.Diagnostics;
using System.IO;
using PhpSockets.Fuzz;
using SharpFuzz;

// PhpSockets.Fuzz TARGET               run under afl-fuzz (SharpFuzz's out-of-process mode)
// PhpSockets.Fuzz TARGET FILE|DIR ...  replay inputs once (reproduce a crash, check a corpus)
// PhpSockets.Fuzz seed DIR             write the seed corpus for every target under DIR/<target>/
if (args.Length >= 1 && args[0] == "seed")
{
    if (args.Length != 2) return Usage();
    int written = Seeds.WriteAll(args[1]);
    Console.WriteLine($"{written} seed files written under {args[1]}");
    return 0;
}
if (args.Length == 4 && args[0] == "stress")
{
    // PhpSockets.Fuzz stress TARGET SECONDS DIR: mutate DIR's inputs in-process (no AFL), report the first failure.
    if (!Targets.All.TryGetValue(args[1], out Action<byte[]>? stressed)) return Usage();
    var pool = new System.Collections.Generic.List<byte[]>();
    foreach (string f in Directory.GetFiles(args[3], "*", SearchOption.AllDirectories)) pool.Add(File.ReadAllBytes(f));
    var random = new Random(12345);
    var watch = Stopwatch.StartNew();
    long runs = 0;
    while (watch.Elapsed.TotalSeconds < double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture))
    {
        byte[] input = Mutator.Mutate(pool[random.Next(pool.Count)], random, pool);
        try
        {
            stressed(input);
        }
        catch (Exception e)
        {
            string saved = Path.Combine(Path.GetTempPath(), $"phpsockets-fuzz-{args[1]}-failure-{runs}");
            File.WriteAllBytes(saved, input);
            Console.Error.WriteLine($"run {runs}: input saved to {saved}: {e}");
            return 1;
        }
        runs++;
    }
    Console.WriteLine($"{args[1]}: {runs} mutated inputs in {watch.Elapsed.TotalSeconds:F0} s, no failure");
    return 0;
}
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out Action<byte[]>? target)) return Usage();

if (args.Length == 1)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        target(memory.ToArray());
    });
    return 0;
}

int files = 0;
var clock = Stopwatch.StartNew();
for (int i = 1; i < args.Length; i++)
{
    string[] inputs = Directory.Exists(args[i]) ? Directory.GetFiles(args[i], "*", SearchOption.AllDirectories) : [args[i]];
    Array.Sort(inputs, StringComparer.Ordinal);
    foreach (string file in inputs)
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{file}: {e}");
            return 1;
        }
        files++;
    }
}
Console.WriteLine($"{args[0]}: {files} inputs, no failure, {clock.Elapsed.TotalSeconds:F1} s");
return 0;

static int Usage()
{
    Console.Error.WriteLine("usage: PhpSockets.Fuzz TARGET [FILE|DIR ...] | PhpSockets.Fuzz seed DIR    (targets: " + string.Join(", ", Targets.All.Keys) + ")");
    return 2;
}
