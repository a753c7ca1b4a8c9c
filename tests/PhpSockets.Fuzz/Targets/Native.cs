using System.Runtime.InteropServices;

namespace PhpSockets.Fuzz;

/// <summary>The few libc calls the harness itself needs (independent of the library under test).</summary>
internal static unsafe partial class Native
{
    internal const int AF_INET = 2;
    internal const int AF_INET6 = 10;
    internal const int F_GETFD = 1;
    internal const int O_RDWR = 2;
    internal const int O_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "inet_pton")]
    internal static partial int InetPton(int family, byte* text, byte* dst);

    [LibraryImport("libc", EntryPoint = "inet_aton")]
    internal static partial int InetAton(byte* text, byte* dst);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    internal static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fcntl")]
    internal static partial int Fcntl(int fd, int cmd, int arg);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "unlink")]
    internal static partial int Unlink(byte* path);

    [LibraryImport("libc", EntryPoint = "chdir", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ChangeDirectory(string path);

    [LibraryImport("libc", EntryPoint = "fstat")]
    private static partial int FileStatus(int fd, byte* buffer);

    /// <summary>The (st_dev, st_ino) of what <paramref name="fd"/> refers to, or null when it is not open.</summary>
    internal static (ulong Device, ulong Inode)? Identity(int fd)
    {
        byte* buffer = stackalloc byte[256]; // struct stat is 144 bytes on x86_64 and aarch64
        if (FileStatus(fd, buffer) != 0) return null;
        return (*(ulong*)buffer, *(ulong*)(buffer + 8));
    }

    /// <summary>True when <paramref name="fd"/> is an open descriptor of this process.</summary>
    internal static bool IsOpen(int fd) => Fcntl(fd, F_GETFD, 0) != -1;
}
