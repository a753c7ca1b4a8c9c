using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PhpSockets;

/// <summary>
/// Makes the failure paths need nothing from the file system, so that they work when the process
/// has no descriptor free (EMFILE: exactly when a server under attack calls socket_accept). The
/// runtime opens an assembly's file the first time code that uses one of its types is compiled:
/// done lazily, inside an EMFILE episode, that open fails and the warning meant to report EMFILE
/// becomes a FileNotFoundException. So when the library is first used, this loads what the warning
/// and error paths touch outside System.Private.CoreLib: the Trace fallback of
/// <see cref="PhpWarnings"/> (System.Diagnostics.TraceSource, with its listeners set up) and the
/// error texts that an exhausted process reports. The rest of those paths (<see cref="ErrorText"/>,
/// <see cref="SocketErrors"/>, the Php* exceptions, string formatting) is CoreLib and this assembly.
/// tests/PhpSockets.Tests/DescriptorExhaustionTests.cs proves it in a child process with no free
/// descriptor, for every warning sink; conformance/scenarios/descriptors_exhausted.scn checks the
/// answers against PHP 8.2's.
/// </summary>
internal static class ErrorPathWarmUp
{
    private const int ENOMEM = 12;
    private const int ENFILE = 23;
    private const int EMFILE = 24;

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "The warm-up must run before the first call that can fail, whichever type that call starts in; it has no effect a caller can see.")]
    internal static void Run()
    {
        // Reading the listeners loads System.Diagnostics.TraceSource and builds the default listener,
        // which Trace.TraceWarning would otherwise do at the first warning.
        _ = Trace.Listeners.Count;
        _ = ErrorText.For(EMFILE);
        _ = ErrorText.For(ENFILE);
        _ = ErrorText.For(ENOMEM);
    }
}
