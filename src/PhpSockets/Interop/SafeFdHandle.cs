using System;
using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

/// <summary>
/// Owns one file descriptor. Passing it to a <c>[LibraryImport]</c> call holds a reference for the
/// duration of the call, so a close on another thread cannot let the number be reused mid-call.
/// </summary>
public sealed class SafeFdHandle : SafeHandle
{
    /// <summary>Creates an invalid handle (the marshaller's constructor).</summary>
    public SafeFdHandle() : base(new IntPtr(-1), ownsHandle: true)
    {
    }

    /// <summary>Wraps <paramref name="fd"/>; when <paramref name="ownsHandle"/> the descriptor is closed on release.</summary>
    public SafeFdHandle(int fd, bool ownsHandle) : base(new IntPtr(-1), ownsHandle)
    {
        SetHandle(new IntPtr(fd));
    }

    /// <summary>Descriptor -1 is the only invalid one: 0 is a valid descriptor.</summary>
    public override bool IsInvalid => handle == new IntPtr(-1);

    /// <summary>The descriptor number, for poll and diagnostics.</summary>
    public int Descriptor => (int)handle;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
