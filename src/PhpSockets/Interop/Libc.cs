namespace PhpSockets.Interop;

/// <summary>
/// Direct entry points into the C library. One partial file per libc entry point or group;
/// every call that can fail is declared with <c>SetLastError = true</c> and its caller reads errno
/// at once with <see cref="System.Runtime.InteropServices.Marshal.GetLastPInvokeError"/>.
/// No call here retries on EINTR: PHP does not either.
/// </summary>
internal static unsafe partial class Libc
{
    /// <summary>The C library's name for the loader ("libc" resolves to glibc's libc.so.6).</summary>
    internal const string Name = "libc";
}
