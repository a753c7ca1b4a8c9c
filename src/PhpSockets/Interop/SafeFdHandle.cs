using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace PhpSockets.Interop;

/// <summary>
/// Owns one file descriptor. Passing it to a <c>[LibraryImport]</c> call holds a reference for the
/// duration of the call, so a close on another thread cannot let the number be reused mid-call; the hot
/// paths hold it with the cheaper <see cref="Enter"/> and <see cref="Exit"/>, with the same guarantee.
/// </summary>
public sealed class SafeFdHandle : SafeHandle
{
    private const int SHUT_RDWR = 2;

    /// <summary>Whether <see cref="CloseWakingUsers"/> has begun (1), and then whether <see cref="ReleaseHandle"/> has run (2).</summary>
    private int _closer;

    /// <summary>
    /// Calls that hold the descriptor through <see cref="Enter"/> (the count in the low bits), with
    /// <see cref="CloseDeferred"/> once <see cref="ReleaseHandle"/> ran while they did (the last
    /// <see cref="Exit"/> closes), or <see cref="CloseDone"/> once the descriptor is closed.
    /// </summary>
    private int _entered;

    private const int CloseDeferred = 1 << 30;
    private const int CloseDone = 1 << 29;
    private const int EnteredCount = CloseDone - 1;

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
    /// Holds the descriptor for one call, as the marshaller's DangerousAddRef does but with one
    /// interlocked add (SafeHandle's is a compare-and-swap loop, and the marshaller adds a try/finally):
    /// until the matching <see cref="Exit"/>, a close on another thread does not close the number.
    /// Throws <see cref="ObjectDisposedException"/> on a closed handle, as the marshaller does.
    /// </summary>
    /// <returns>The descriptor number, to pass to the call.</returns>
    internal int Enter()
    {
        // The increment is a full fence, as is the compare-and-swap that marks the SafeHandle closed
        // before ReleaseHandle reads _entered: either this sees IsClosed, or ReleaseHandle sees this call.
        Interlocked.Increment(ref _entered);
        if (IsClosed)
        {
            Exit();
            ThrowClosed();
        }
        return (int)handle;
    }

    /// <summary>Ends a call's hold from <see cref="Enter"/>; the last one out after a release closes the descriptor.</summary>
    internal void Exit()
    {
        if (Interlocked.Decrement(ref _entered) == CloseDeferred) CloseDeferredDescriptor();
    }

    private void CloseDeferredDescriptor()
    {
        if (Interlocked.CompareExchange(ref _entered, CloseDone, CloseDeferred) != CloseDeferred) return;
        int errno = Marshal.GetLastPInvokeError(); // the call's errno, which its caller has yet to read
        Libc.Close((int)handle);
        Marshal.SetLastPInvokeError(errno);
    }

    private static void ThrowClosed() => throw new ObjectDisposedException(nameof(SafeHandle), "Safe handle has been closed.");

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
        // Holding the descriptor as a call does keeps the number this socket's until the shutdown is done:
        // the release that Dispose starts (now, or at the last marshalled call's return) defers to the Exit.
        Interlocked.Increment(ref _entered);
        Dispose();
        bool othersHold = Volatile.Read(ref _closer) == 1 || (Volatile.Read(ref _entered) & EnteredCount) > 1;
        if (othersHold) Libc.Shutdown(fd, SHUT_RDWR);
        Exit();
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        Volatile.Write(ref _closer, 2);
        while (true)
        {
            int entered = Volatile.Read(ref _entered);
            if (entered == 0)
            {
                if (Interlocked.CompareExchange(ref _entered, CloseDone, 0) == 0) return Libc.Close((int)handle) == 0;
            }
            else if (Interlocked.CompareExchange(ref _entered, entered | CloseDeferred, entered) == entered)
            {
                return true; // calls entered through Enter still use the number: the last Exit closes it
            }
        }
    }
}
