using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

/// <summary>
/// read, write, recv and send: the calls an echo loop makes per message, with stubs written by hand.
/// They do what the <c>SetLastError = true</c> stub generated for a SafeHandle does (hold the handle
/// for the call, read errno right after it, before the handle is released, and store it for
/// <see cref="Marshal.GetLastPInvokeError"/>), except that errno is neither cleared before the call
/// nor read after a success: on Linux these calls set errno exactly when they return -1, so that is
/// two calls into the runtime's native shim and a thread-local store saved per call.
/// </summary>
internal static unsafe partial class Libc
{
    /// <summary>read(2): PHP 4.0's read() used it, so it works on any descriptor, not only sockets.</summary>
    internal static nint Read(SafeFdHandle fd, byte* buf, nuint count)
    {
        bool held = false;
        try
        {
            fd.DangerousAddRef(ref held);
            return Checked(ReadRaw(fd.DangerousGetHandle(), buf, count));
        }
        finally
        {
            if (held) fd.DangerousRelease();
        }
    }

    /// <summary>write(2): socket_write uses write, not send, as PHP does.</summary>
    internal static nint Write(SafeFdHandle fd, byte* buf, nuint len)
    {
        bool held = false;
        try
        {
            fd.DangerousAddRef(ref held);
            return Checked(WriteRaw(fd.DangerousGetHandle(), buf, len));
        }
        finally
        {
            if (held) fd.DangerousRelease();
        }
    }

    /// <summary>recv(2).</summary>
    internal static nint Recv(SafeFdHandle fd, byte* buf, nuint len, int flags)
    {
        bool held = false;
        try
        {
            fd.DangerousAddRef(ref held);
            return Checked(RecvRaw(fd.DangerousGetHandle(), buf, len, flags));
        }
        finally
        {
            if (held) fd.DangerousRelease();
        }
    }

    /// <summary>send(2).</summary>
    internal static nint Send(SafeFdHandle fd, byte* buf, nuint len, int flags)
    {
        bool held = false;
        try
        {
            fd.DangerousAddRef(ref held);
            return Checked(SendRaw(fd.DangerousGetHandle(), buf, len, flags));
        }
        finally
        {
            if (held) fd.DangerousRelease();
        }
    }

    /// <summary>On failure, errno (still the call's: nothing ran in between) becomes the last P/Invoke error.</summary>
    private static nint Checked(nint result)
    {
        if (result < 0) Marshal.SetLastPInvokeError(Marshal.GetLastSystemError());
        return result;
    }

    [LibraryImport(Name, EntryPoint = "read")]
    private static partial nint ReadRaw(nint fd, byte* buf, nuint count);

    [LibraryImport(Name, EntryPoint = "write")]
    private static partial nint WriteRaw(nint fd, byte* buf, nuint len);

    [LibraryImport(Name, EntryPoint = "recv")]
    private static partial nint RecvRaw(nint fd, byte* buf, nuint len, int flags);

    [LibraryImport(Name, EntryPoint = "send")]
    private static partial nint SendRaw(nint fd, byte* buf, nuint len, int flags);
}
