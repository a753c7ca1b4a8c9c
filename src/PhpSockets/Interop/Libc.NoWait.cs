using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

/// <summary>
/// recv(2) and send(2) without the GC transition, for calls that cannot block.
/// <para>
/// The rule: a call may skip the transition ([SuppressGCTransition]: the thread stays in cooperative
/// mode, so a GC waits for the call to return) only if the kernel cannot make it wait. These entry
/// points therefore add MSG_DONTWAIT to the flags themselves: with it recv and send never sleep, whatever
/// the descriptor's O_NONBLOCK says, even if another process (or code with the raw descriptor) made the
/// socket blocking behind PhpSockets' back. <see cref="SocketFunctions"/> takes them only where the
/// PHP-visible behaviour is the same: on a socket set non-blocking through PhpSockets, or when the caller
/// passed MSG_DONTWAIT itself (<see cref="SocketFunctions.WaitsForPeer"/> decides; a test holds a
/// blocking read through a forced GC). close(2) is not here: with SO_LINGER it can block.
/// </para>
/// </summary>
internal static unsafe partial class Libc
{
    internal const int MSG_DONTWAIT = 0x40;

    /// <summary>recv(2) with MSG_DONTWAIT: never blocks.</summary>
    internal static nint RecvNoWait(SafeFdHandle fd, byte* buf, nuint len, int flags)
    {
        // Held by Enter/Exit, not the marshaller's SafeHandle reference: cheaper, same guarantee. No
        // try/finally: a call without the GC transition cannot be interrupted by an exception.
        int descriptor = fd.Enter();
        nint received = s_sysRecvFrom != 0
            ? SyscallSuppressed(s_sysRecvFrom, descriptor, (nint)buf, (nint)len, flags | MSG_DONTWAIT, 0, 0)
            : RecvSuppressed(descriptor, buf, len, flags | MSG_DONTWAIT);
        if (received < 0) KeepErrno();
        fd.Exit();
        return received;
    }

    /// <summary>send(2) with MSG_DONTWAIT: never blocks.</summary>
    internal static nint SendNoWait(SafeFdHandle fd, byte* buf, nuint len, int flags)
    {
        int descriptor = fd.Enter();
        nint sent = s_sysSendTo != 0
            ? SyscallSuppressed(s_sysSendTo, descriptor, (nint)buf, (nint)len, flags | MSG_DONTWAIT, 0, 0)
            : SendSuppressed(descriptor, buf, len, flags | MSG_DONTWAIT);
        if (sent < 0) KeepErrno();
        fd.Exit();
        return sent;
    }

    /// <summary>
    /// errno as the marshaller's SetLastError would leave it, read only when the call failed: without
    /// the transition nothing runs between the call's return and this read that could change errno,
    /// and recv and send set it whenever they fail, so the marshaller's clearing before every call and
    /// copying after it (about 50 instructions a call: the library's echo loop went from 801 to 699 per
    /// round trip, bench/RESULTS.md) buy nothing here.
    /// </summary>
    private static void KeepErrno() => Marshal.SetLastPInvokeError(Marshal.GetLastSystemError());

    /// <summary>
    /// recvfrom(2) and sendto(2) with no address are recv and send. Made through syscall(2), they skip
    /// glibc's cancellation bookkeeping: in a multi-threaded process (every .NET process) recv and send
    /// switch the thread to asynchronous cancellation and back around the call, about 30 instructions a
    /// call, for pthread_cancel, which .NET never uses. The numbers are the kernel's for each
    /// architecture; elsewhere (0) the glibc entry points are called. (bench/RESULTS.md, "Third pass".)
    /// </summary>
    private static readonly nint s_sysRecvFrom = SyscallNumber(x64: 45, arm64: 207);

    private static readonly nint s_sysSendTo = SyscallNumber(x64: 44, arm64: 206);

    private static nint SyscallNumber(nint x64, nint arm64) => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => x64,
        Architecture.Arm64 => arm64,
        _ => 0,
    };

    // syscall(2) is variadic in C, but on x86-64 it is written in assembly and moves its registers and one
    // stack slot as a six-argument call passes them, and on AArch64 Linux variadic integers travel in the
    // same registers as fixed ones: this fixed signature is that call. It sets errno as recv does.
    [LibraryImport(Name, EntryPoint = "syscall")]
    [SuppressGCTransition]
    private static partial nint SyscallSuppressed(nint number, nint a1, nint a2, nint a3, nint a4, nint a5, nint a6);

    // No SetLastError: KeepErrno above.
    [LibraryImport(Name, EntryPoint = "recv")]
    [SuppressGCTransition]
    private static partial nint RecvSuppressed(int fd, byte* buf, nuint len, int flags);

    [LibraryImport(Name, EntryPoint = "send")]
    [SuppressGCTransition]
    private static partial nint SendSuppressed(int fd, byte* buf, nuint len, int flags);
}
