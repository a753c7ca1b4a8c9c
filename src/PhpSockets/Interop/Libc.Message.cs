using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

/// <summary>
/// struct msghdr (56 bytes on 64-bit Linux): the destination or source address, the scatter/gather
/// buffers, the ancillary (control) data and the flags of one sendmsg(2) or recvmsg(2).
/// Sequential layout gives C's padding after <see cref="NameLength"/> and <see cref="Flags"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    internal byte* Name;
    internal uint NameLength;
    internal IoVec* Iov;
    internal nuint IovLength;
    internal byte* Control;
    internal nuint ControlLength;
    internal int Flags;
}

/// <summary>struct cmsghdr (16 bytes on 64-bit Linux): the header of one control message; its data follows at <see cref="Libc.CmsgDataOffset"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CmsgHdr
{
    internal nuint Length;
    internal int Level;
    internal int Type;
}

internal static unsafe partial class Libc
{
    /// <summary>Where a control message's data starts: CMSG_DATA(cmsg) - cmsg, the aligned header size.</summary>
    internal const int CmsgDataOffset = 16;

    /// <summary>CMSG_ALIGN: control data is aligned to size_t (8 bytes).</summary>
    internal static long CmsgAlign(long length) => (length + 7) & ~7L;

    /// <summary>CMSG_LEN: the cmsg_len of a control message with <paramref name="dataLength"/> bytes of data.</summary>
    internal static long CmsgLen(long dataLength) => CmsgDataOffset + dataLength;

    /// <summary>CMSG_SPACE: the room a control message with <paramref name="dataLength"/> bytes takes, padding included.</summary>
    internal static long CmsgSpace(long dataLength) => CmsgDataOffset + CmsgAlign(dataLength);

    /// <summary>sendmsg(2).</summary>
    [LibraryImport(Name, EntryPoint = "sendmsg", SetLastError = true)]
    internal static partial nint SendMsg(SafeFdHandle fd, MsgHdr* message, int flags);

    /// <summary>
    /// recvmsg(2) with MSG_CMSG_CLOEXEC added, so descriptors received with SCM_RIGHTS are
    /// close-on-exec as every other descriptor PhpSockets makes (see <see cref="FD_CLOEXEC"/>). Linux
    /// echoes that flag in msg_flags; it is taken out again unless the caller passed it.
    /// </summary>
    internal static nint RecvMsg(SafeFdHandle fd, MsgHdr* message, int flags)
    {
        nint result = RecvMsgRaw(fd, message, flags | MSG_CMSG_CLOEXEC);
        if ((flags & MSG_CMSG_CLOEXEC) == 0) message->Flags &= ~MSG_CMSG_CLOEXEC;
        return result;
    }

    [LibraryImport(Name, EntryPoint = "recvmsg", SetLastError = true)]
    private static partial nint RecvMsgRaw(SafeFdHandle fd, MsgHdr* message, int flags);

    /// <summary>getsockname(2) on a bare descriptor number (a descriptor just received, not yet owned by a handle).</summary>
    [LibraryImport(Name, EntryPoint = "getsockname", SetLastError = true)]
    internal static partial int GetSockName(int fd, byte* addr, int* addrLen);

    /// <summary>fcntl(2) with an integer argument on a bare descriptor number.</summary>
    [LibraryImport(Name, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int cmd, int arg);
}
