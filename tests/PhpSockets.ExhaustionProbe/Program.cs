using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using PhpSockets;
using PhpSockets.Testing;
using static PhpSockets.SocketFunctions;

// Every type from outside System.Private.CoreLib and PhpSockets is named only in its own small
// method below, so the JIT loads its assembly only when that method runs.
//
// The child process of tests/PhpSockets.Tests/DescriptorExhaustionTests.cs: a program that loads
// nothing but PhpSockets and what it needs itself, so that an assembly the library would open
// lazily on a failure path is not there already. It prepares a listener with a pending connection,
// then takes every free descriptor (tests/Shared/DescriptorExhaustion.cs), makes the calls that need
// a new descriptor, prints one line per call, gives the descriptors back and makes them again.
//
//   PhpSockets.ExhaustionProbe SINK     SINK: capture | handler | trace | stderr (where warnings go)
//   PhpSockets.ExhaustionProbe memory      huge receives and a 10,000-socket select (MemoryProbe.cs), run with the GC heap capped
//   PhpSockets.ExhaustionProbe heap-full   a receive when the string it returns cannot be allocated

string sink = args.Length == 1 ? args[0] : "";
var warnings = new List<string>();
List<PhpWarning>? captured = null;
IDisposable? capture = null;
switch (sink)
{
    case "capture":
        captured = [];
        capture = PhpWarnings.Capture(captured);
        break;
    case "handler":
        PhpWarnings.Raised += w => warnings.Add(w.Message);
        break;
    case "trace":
        ListenToTrace(warnings);
        break;
    case "stderr":
        PhpWarnings.WriteToStandardError();
        break;
    case "memory":
        return MemoryProbe.Run();
    case "heap-full":
        return MemoryProbe.RunWithHeapFull();
    default:
        Console.Error.WriteLine("usage: PhpSockets.ExhaustionProbe capture|handler|trace|stderr|memory|heap-full");
        return 2;
}

Socket listener = socket_create_listen(0)!;
PhpString? address = null;
int port = 0;
socket_getsockname(listener, ref address, ref port);
Socket client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
socket_connect(client, "127.0.0.1", port);
// System.Net.Sockets loads much of the base class library (System.Collections.Concurrent among
// it), which would hide a lazy load of the library's own: only the handler run imports a .NET socket.
IDisposable? netSocket = sink == "handler" ? NewNetSocket() : null;

Console.Out.WriteLine("prepared");
if (Environment.GetEnvironmentVariable("PROBE_LIST_ASSEMBLIES") is not null)
{
    foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()) Console.Error.WriteLine(assembly.GetName().Name);
}
DescriptorExhaustion.Exhaust();
try
{
    Calls("exhausted");
}
finally
{
    DescriptorExhaustion.Release();
}
Calls("released");
capture?.Dispose();
netSocket?.Dispose();
return 0;

void Calls(string phase)
{
    Report(phase, "socket_create", socket_create(AF_INET, SOCK_STREAM, SOL_TCP));
    Socket[]? pair = null;
    bool paired = socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref pair);
    Report(phase, "socket_create_pair", paired ? pair![0] : null);
    if (paired) socket_close(pair![1]);
    Report(phase, "socket_accept", socket_accept(listener));
    // A .NET socket is imported over a duplicate descriptor (docs/divergences.md #9): dup needs one.
    if (netSocket is not null) Report(phase, "socket_import_stream", socket_import_stream(netSocket));
    try
    {
        socket_create(-1, SOCK_STREAM, 0);
        Console.Out.WriteLine($"{phase}: no ValueError");
    }
    catch (PhpValueError e)
    {
        Console.Out.WriteLine($"{phase}: {e.PhpClass}: {e.Message}");
    }
}

void Report(string phase, string function, Socket? result)
{
    int error = socket_last_error();
    Console.Out.WriteLine($"{phase}: {function} = {(result is null ? "false" : "Socket")}, last_error = {error} ({socket_strerror(error)})");
    if (captured is not null)
    {
        foreach (PhpWarning warning in captured) warnings.Add(warning.Message);
        captured.Clear();
    }
    foreach (string warning in warnings) Console.Out.WriteLine($"{phase}: warning: {warning}");
    warnings.Clear();
    if (result is not null) socket_close(result);
    socket_clear_error();
}

static void ListenToTrace(List<string> messages) => Trace.Listeners.Add(new CollectingTraceListener(messages));

static IDisposable NewNetSocket() => new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);

/// <summary>A trace listener configured before the descriptors run out, as an application would.</summary>
internal sealed class CollectingTraceListener(List<string> messages) : TraceListener
{
    public override void Write(string? message)
    {
    }

    public override void WriteLine(string? message)
    {
    }

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? message) =>
        messages.Add(message ?? "");

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? format, params object?[]? args) =>
        messages.Add(args is null ? format ?? "" : string.Format(System.Globalization.CultureInfo.InvariantCulture, format ?? "", args));
}
