using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace PhpSockets.Interop;

/// <summary>
/// Owns one file descriptor. Passing it to a <c>[LibraryImport]</c> call holds a reference for the
/// duration of the call, so a close on another thread cannot let the number be reused mid-call.
/// </summary>
public sealed class SafeFdHandle : SafeHandle
{
    private const int SHUT_RDWR = 2;

    /// <summary>Who closes the descriptor: <see cref="ReleaseHandle"/> (0), or <see cref="CloseWakingUsers"/> (1; 2 once released).</summary>
    private int _closer;

    private readonly bool _ownsHandle;

    /// <summary>Creates an invalid handle (the marshaller's constructor).</summary>
    public SafeFdHandle() : base(new IntPtr(-1), ownsHandle: true)
    {
        _ownsHandle = true;
    }

    /// <summary>Wraps <paramref name="fd"/>; when <paramref name="ownsHandle"/> the descriptor is closed on release.</summary>
    public SafeFdHandle(int fd, bool ownsHandle) : base(new IntPtr(-1), ownsHandle)
    {
        SetHandle(new IntPtr(fd));
        _ownsHandle = ownsHandle;
    }

    /// <summary>Descriptor -1 is the only invalid one: 0 is a valid descriptor.</summary>
    public override bool IsInvalid => handle == new IntPtr(-1);

    /// <summary>The descriptor number, for poll and diagnostics.</summary>
    public int Descriptor => (int)handle;

    /// <summary>
    /// Disposes the handle. With no call holding it, the descriptor is closed now, by close(2) alone.
    /// When calls still hold it (a thread blocked in accept, recv, poll...), close(2) would not wake
    /// them, so the socket is shut down (SHUT_RDWR) first, which makes them return; the descriptor
    /// itself stays open, its number not reusable, until the last of them has returned and released it.
    /// </summary>
    internal void CloseWakingUsers()
    {
        if (!_ownsHandle || IsInvalid || Interlocked.CompareExchange(ref _closer, 1, 0) != 0)
        {
            Dispose();
            return;
        }
        int fd = (int)handle;
        Dispose(); // releases at once, into state 2, unless calls hold the handle
        if (Volatile.Read(ref _closer) == 1)
        {
            // Calls hold it, so the descriptor is still open and still this socket: shutting it down is safe.
            Libc.Shutdown(fd, SHUT_RDWR);
            // Hand the close back to the last release; if that already ran (state 2), close here.
            if (Interlocked.CompareExchange(ref _closer, 0, 1) == 1) return;
        }
        Libc.Close(fd);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        // While CloseWakingUsers runs, it closes the descriptor itself, after its shutdown.
        if (Interlocked.CompareExchange(ref _closer, 2, 1) == 1) return true;
        return Libc.Close((int)handle) == 0;
    }
}
