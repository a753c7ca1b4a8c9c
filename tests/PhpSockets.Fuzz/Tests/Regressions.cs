using System.IO;
using Xunit;

namespace PhpSockets.Fuzz.Tests;

/// <summary>
/// Every failure a fuzzer found, by name: the input that showed it (kept in corpus/TARGET/crash-*)
/// must now run clean. docs/reliability.md, "Fuzzing", tells the story of each.
/// </summary>
public class Regressions
{
    private static void Replay(string target, string file) =>
        Targets.All[target](File.ReadAllBytes(Path.Combine(System.AppContext.BaseDirectory, "corpus", target, file)));

    /// <summary>
    /// A cmsg_len above 2^63 (AFL, 60 s into the first cmsg run): the decoder cut the data span with
    /// (int)Math.Min((long)len, room), and the negative long truncated to a large positive int:
    /// ArgumentOutOfRangeException. Fixed in ReceivedFrame.ControlEnumerator.Current: lengths unsigned.
    /// </summary>
    [Fact]
    public void ControlLengthAbove2To63EndsAtTheBuffer() => Replay("cmsg", "crash-001-cmsg-len-above-2p63");

    /// <summary>
    /// A cmsg_len of 0x7FFFFFFFFFFFFFF8 (a seed): the next header's offset overflowed to a negative
    /// number that passed the "fits" test: ArgumentOutOfRangeException. Fixed in
    /// ReceivedFrame.ControlEnumerator.MoveNext: a length past the room left ends the walk, as in glibc.
    /// </summary>
    [Fact]
    public void ControlLengthNear2To63DoesNotOverflowTheWalk() => Replay("cmsg", "crash-003-cmsg-len-near-2p63-overflowed-next-offset");

    /// <summary>
    /// SCM_RIGHTS followed by a control message PHP does not know (a seed): socket_recvmsg's
    /// converter failed, closed the descriptors it had not yet adopted, but dropped the Sockets and
    /// streams it had made for the others without closing them (open until a finalizer ran; PHP
    /// frees them with the half-built array). Fixed in NativeMessageConverter.ToPhpArray.
    /// </summary>
    /// <summary>
    /// Arrays nested 20,000 deep in a scenario (found after the AFL runs, by a hand-made input: AFL's
    /// inputs stayed too small): the conformance runner's recursive parser died of a stack overflow,
    /// the whole process with it. Fixed in Parser.ParseExpression: more than 256 levels is malformed.
    /// </summary>
    [Fact]
    public void DeeplyNestedArraysAreMalformedNotAStackOverflow() => Replay("scenario", "crash-001-arrays-nested-20000-deep-stack-overflow");

    /// <summary>The same with calls nested 10,000 deep.</summary>
    [Fact]
    public void DeeplyNestedCallsAreMalformedNotAStackOverflow() => Replay("scenario", "crash-002-calls-nested-10000-deep-stack-overflow");

    [Fact]
    public void DescriptorsAdoptedBeforeAConversionErrorAreClosed() => Replay("cmsg", "crash-002-rights-then-unsupported-leaked-descriptors");
}
