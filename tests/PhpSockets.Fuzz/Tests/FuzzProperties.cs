using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FsCheck.Xunit;
using Xunit;

namespace PhpSockets.Fuzz.Tests;

/// <summary>
/// Each fuzz target as an FsCheck property: inputs are the kept corpus mutated (the seed picks the
/// file and drives <see cref="Mutator"/>) or raw noise. A property fails on any exception other than
/// PHP's documented ones (the targets let only the PhpError family through) and on a descriptor
/// the target leaves open. Bounded: a few thousand inputs per target, seconds each.
/// </summary>
public class FuzzProperties
{
    private const int Runs = 10000;

    private static readonly Dictionary<string, byte[][]> s_corpus = new();

    internal static byte[][] Corpus(string target)
    {
        lock (s_corpus)
        {
            if (!s_corpus.TryGetValue(target, out byte[][]? files))
            {
                string folder = Path.Combine(AppContext.BaseDirectory, "corpus", target);
                files = Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
                s_corpus[target] = files;
            }
            return files;
        }
    }

    private static void Check(string target, int seed, byte[]? noise)
    {
        byte[][] pool = Corpus(target);
        var random = new Random(seed);
        byte[] input = noise is not null && seed % 5 == 0 ? noise : Mutator.Mutate(pool[random.Next(pool.Length)], random, pool);
        Targets.All[target](input);
    }

    [Property(MaxTest = Runs, QuietOnSuccess = true)]
    public void AddressParsersAnswerOrThrowPhpErrors(int seed, byte[]? noise) => Check("address", seed, noise);

    [Property(MaxTest = Runs, QuietOnSuccess = true)]
    public void ControlMessageDecodersNeverFailOrLeak(int seed, byte[]? noise) => Check("cmsg", seed, noise);

    [Property(MaxTest = Runs, QuietOnSuccess = true)]
    public void MessageArrayConvertersAnswerOrThrowPhpErrors(int seed, byte[]? noise) => Check("sendmsg", seed, noise);

    [Property(MaxTest = Runs, QuietOnSuccess = true)]
    public void ScenarioParserAcceptsOrReportsMalformed(int seed, byte[]? noise) => Check("scenario", seed, noise);
}

/// <summary>Every kept corpus input (seeds, what the fuzzers found, the crashes) runs clean.</summary>
public class CorpusReplay
{
    public static IEnumerable<object[]> Targets() => PhpSockets.Fuzz.Targets.All.Keys.Select(t => new object[] { t });

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryKeptInputRunsClean(string target)
    {
        byte[][] corpus = FuzzProperties.Corpus(target);
        Assert.NotEmpty(corpus);
        foreach (byte[] input in corpus) PhpSockets.Fuzz.Targets.All[target](input);
    }
}
