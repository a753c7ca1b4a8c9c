using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// The C side of one sendmsg(2) call, filled in by a converter: the destination address, the
/// buffers (copied, as PHP copies them) and the control messages laid out at CMSG_SPACE spacing.
/// Descriptors named in SCM_RIGHTS are held open (their handles referenced) until
/// <see cref="Dispose"/>, so a close on another thread cannot let their numbers be reused before the
/// kernel has taken them.
/// </summary>
internal sealed unsafe class OutgoingMessage : IDisposable
{
    private static readonly byte[] s_emptyTarget = GC.AllocateArray<byte>(1, pinned: true);

    private SockAddrStorage _name;
    private int _nameLength;
    private bool _hasName;
    private readonly ArrayBufferWriter<byte> _data = new();
    private readonly List<int> _bufferLengths = new();
    private byte[] _control = [];
    private int _controlLength;
    private List<SafeHandle>? _heldHandles;

    /// <summary>Space for the destination address, cleared; <see cref="SetNameLength"/> says how much of it counts.</summary>
    internal Span<byte> NameBuffer => MemoryMarshal.CreateSpan(ref _name[0], SockAddrStorage.Size);

    /// <summary>Sets msg_name to the address buffer with <paramref name="length"/> bytes.</summary>
    internal void SetNameLength(int length)
    {
        _hasName = true;
        _nameLength = length;
    }

    /// <summary>Appends one iovec holding a copy of <paramref name="bytes"/>.</summary>
    internal void AddBuffer(ReadOnlySpan<byte> bytes)
    {
        _data.Write(bytes);
        _bufferLengths.Add(bytes.Length);
    }

    /// <summary>
    /// Appends a control message header for (<paramref name="level"/>, <paramref name="type"/>) with
    /// room for <paramref name="dataLength"/> bytes, and returns that room, zero-filled, to be written.
    /// </summary>
    internal Span<byte> AddControl(int level, int type, int dataLength)
    {
        int space = checked((int)Libc.CmsgSpace(dataLength));
        int offset = _controlLength;
        if (offset + space > _control.Length) Array.Resize(ref _control, Math.Max(_control.Length * 2, offset + space));
        _control.AsSpan(offset, space).Clear();
        ref CmsgHdr header = ref MemoryMarshal.AsRef<CmsgHdr>(_control.AsSpan(offset));
        header.Length = (nuint)Libc.CmsgLen(dataLength);
        header.Level = level;
        header.Type = type;
        _controlLength = offset + space;
        return _control.AsSpan(offset + Libc.CmsgDataOffset, dataLength);
    }

    /// <summary>Keeps <paramref name="handle"/> open until this message is disposed; false when it is already closed.</summary>
    internal bool Hold(SafeHandle handle)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        (_heldHandles ??= new List<SafeHandle>()).Add(handle);
        return true;
    }

    /// <summary>One sendmsg(2): the byte count, or -1 with <paramref name="errno"/> set.</summary>
    internal nint Send(SafeFdHandle fd, int flags, out int errno)
    {
        const int stackLimit = 8; // Linux's UIO_FASTIOV, as dotnet/runtime uses
        int count = _bufferLengths.Count;
        Span<IoVec> iov = count <= stackLimit ? stackalloc IoVec[stackLimit] : new IoVec[count];
        ReadOnlySpan<byte> data = _data.WrittenSpan;
        nint result;
        fixed (byte* dataStart = data.IsEmpty ? s_emptyTarget : data)
        fixed (byte* control = _control)
        fixed (IoVec* iovStart = iov)
        fixed (byte* name = &_name[0])
        {
            byte* position = dataStart;
            for (int i = 0; i < count; i++)
            {
                iov[i].Base = position;
                iov[i].Length = (nuint)_bufferLengths[i];
                position += _bufferLengths[i];
            }
            MsgHdr header = default;
            if (_hasName)
            {
                header.Name = name;
                header.NameLength = (uint)_nameLength;
            }
            if (count > 0)
            {
                header.Iov = iovStart;
                header.IovLength = (nuint)count;
            }
            if (_controlLength > 0)
            {
                header.Control = control;
                header.ControlLength = (nuint)_controlLength;
            }
            result = Libc.SendMsg(fd, &header, flags);
            errno = result < 0 ? SocketErrors.Errno() : 0;
        }
        return result;
    }

    /// <summary>Releases the descriptors held for SCM_RIGHTS.</summary>
    public void Dispose()
    {
        if (_heldHandles is null) return;
        foreach (SafeHandle handle in _heldHandles) handle.DangerousRelease();
        _heldHandles = null;
    }
}
