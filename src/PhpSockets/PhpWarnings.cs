using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace PhpSockets;

/// <summary>One PHP diagnostic: its level (<c>Warning</c>, <c>Notice</c>, <c>Deprecated</c>) and PHP's message text.</summary>
/// <param name="Level">PHP's level name, as the CLI prints it.</param>
/// <param name="Message">PHP's message, e.g. <c>socket_bind(): Unable to bind address [98]: Address already in use</c>.</param>
public sealed record PhpWarning(string Level, string Message)
{
    /// <summary>The line PHP's CLI would print, without the file and line suffix.</summary>
    public override string ToString() => $"{Level}: {Message}";
}

/// <summary>
/// Where PHP's warnings go. PHP prints them; a library should not write to a program's console
/// unasked, and should not hide them either. So: a <see cref="Capture"/> scope on the current
/// thread takes them first; otherwise every <see cref="Raised"/> handler gets them; with no handler
/// they go to <see cref="Trace"/>, where they cost nothing unless a listener is configured.
/// </summary>
public static class PhpWarnings
{
    [ThreadStatic]
    private static List<PhpWarning>? t_capture;

    /// <summary>Raised for every warning not taken by a <see cref="Capture"/> scope, on the thread that caused it.</summary>
    public static event Action<PhpWarning>? Raised;

    /// <summary>
    /// Collects the warnings raised on this thread into <paramref name="sink"/> until the returned
    /// scope is disposed; scopes nest, the innermost wins.
    /// </summary>
    public static IDisposable Capture(List<PhpWarning> sink)
    {
        var scope = new CaptureScope(t_capture);
        t_capture = sink;
        return scope;
    }

    /// <summary>Sends every warning not captured to standard error as PHP's CLI prints it (<c>Warning: ...</c>).</summary>
    public static void WriteToStandardError()
    {
        // Console.Error is opened here, not at the first warning, which may come when no descriptor
        // is free (it duplicates descriptor 2) and System.Console's file could not be opened.
        TextWriter error = Console.Error;
        error.Flush();
        Raised += w => error.WriteLine($"{w.Level}: {w.Message}");
    }

    internal static void Warn(string message) => Emit(new PhpWarning("Warning", message));

    internal static void Emit(PhpWarning warning)
    {
        if (t_capture is { } sink)
        {
            sink.Add(warning);
            return;
        }
        Action<PhpWarning>? handlers = Raised;
        if (handlers is not null) handlers(warning);
        else Trace.TraceWarning(warning.Message);
    }

    private sealed class CaptureScope(List<PhpWarning>? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            t_capture = previous;
        }
    }
}
