using System;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// What one recvmsg(2) left in the caller's buffers: the sender's address (when one was asked
/// for), the bytes, the control messages and msg_flags. The spans point into the caller's memory.
/// </summary>
internal readonly ref struct ReceivedFrame
{
    internal ReceivedFrame(bool nameRequested, ReadOnlySpan<byte> name, int nameLength, ReadOnlySpan<byte> buffer, nint count, ReadOnlySpan<byte> control, int flags)
    {
        NameRequested = nameRequested;
        Name = name;
        NameLength = nameLength;
        Buffer = buffer;
        Count = count;
        Control = control;
        Flags = flags;
    }

    /// <summary>Whether msg_name pointed somewhere (PHP gives "name" => null otherwise).</summary>
    internal bool NameRequested { get; }

    /// <summary>The whole address buffer (zero beyond what the kernel wrote).</summary>
    internal ReadOnlySpan<byte> Name { get; }

    /// <summary>msg_namelen after the call: how much of <see cref="Name"/> the kernel filled.</summary>
    internal int NameLength { get; }

    /// <summary>The receive buffer, all of it.</summary>
    internal ReadOnlySpan<byte> Buffer { get; }

    /// <summary>recvmsg's result: the bytes received, which with MSG_TRUNC may exceed the buffer.</summary>
    internal nint Count { get; }

    /// <summary>The bytes received that fit the buffer.</summary>
    internal ReadOnlySpan<byte> Data => Buffer[..(int)Math.Min(Count, Buffer.Length)];

    /// <summary>The control buffer up to msg_controllen after the call.</summary>
    internal ReadOnlySpan<byte> Control { get; }

    /// <summary>msg_flags after the call (MSG_TRUNC, MSG_CTRUNC...).</summary>
    internal int Flags { get; }

    /// <summary>One recvmsg(2) into the given buffers: the frame, or a negative count with <paramref name="errno"/> set.</summary>
    internal static unsafe ReceivedFrame Receive(SafeFdHandle fd, Span<byte> name, int nameLength, Span<byte> buffer, Span<byte> control, int flags, out int errno)
    {
        byte dummy = 0;
        MsgHdr header = default;
        nint result;
        fixed (byte* namePointer = name)
        fixed (byte* bufferPointer = buffer)
        fixed (byte* controlPointer = control)
        {
            IoVec iov;
            // The kernel gets a real address even for an empty buffer.
            iov.Base = buffer.IsEmpty ? &dummy : bufferPointer;
            iov.Length = (nuint)buffer.Length;
            header.Iov = &iov;
            header.IovLength = 1;
            if (nameLength > 0)
            {
                header.Name = namePointer;
                header.NameLength = (uint)nameLength;
            }
            header.Control = controlPointer;
            header.ControlLength = (nuint)control.Length;
            result = Libc.RecvMsg(fd, &header, flags);
            errno = result < 0 ? SocketErrors.Errno() : 0;
        }
        if (result < 0) return new ReceivedFrame(false, default, 0, default, result, default, 0);
        int controlLength = (int)Math.Min(header.ControlLength, (nuint)control.Length);
        return new ReceivedFrame(nameLength > 0, name, (int)header.NameLength, buffer, result, control[..controlLength], header.Flags);
    }

    /// <summary>
    /// The control messages, walked as glibc's CMSG_FIRSTHDR/CMSG_NXTHDR walk them: a header must
    /// fit, and a message whose length runs past the end stops the walk.
    /// </summary>
    internal ControlEnumerator ControlMessages => new(Control);

    /// <summary>Walks the control buffer.</summary>
    internal ref struct ControlEnumerator
    {
        private readonly ReadOnlySpan<byte> _control;
        private int _next;
        private int _offset;

        internal ControlEnumerator(ReadOnlySpan<byte> control)
        {
            _control = control;
            _offset = -1;
            _next = control.Length >= Libc.CmsgDataOffset ? 0 : -1;
        }

        public readonly ControlEnumerator GetEnumerator() => this;

        /// <summary>The current control message.</summary>
        public readonly ControlMessageView Current
        {
            get
            {
                CmsgHdr header = MemoryMarshal.Read<CmsgHdr>(_control[_offset..]);
                // Unsigned, as cmsg_len is: a length past the buffer (even one above 2^63) ends at the buffer.
                int dataEnd = (int)Math.Min(header.Length, (nuint)(_control.Length - _offset));
                ReadOnlySpan<byte> data = dataEnd > Libc.CmsgDataOffset ? _control.Slice(_offset + Libc.CmsgDataOffset, dataEnd - Libc.CmsgDataOffset) : default;
                return new ControlMessageView(header.Level, header.Type, (long)header.Length, data);
            }
        }

        public bool MoveNext()
        {
            if (_next < 0) return false;
            _offset = _next;
            CmsgHdr header = MemoryMarshal.Read<CmsgHdr>(_control[_offset..]);
            // CMSG_NXTHDR: a too-short length ends the list; so does a next header that does not fit.
            // Lengths are compared unsigned with the room left, as glibc does, so that no length
            // (a kernel never gives such, but a buffer may hold anything) overflows the arithmetic.
            if (header.Length < Libc.CmsgDataOffset || header.Length > (nuint)(_control.Length - _offset))
            {
                _next = -1;
            }
            else
            {
                long next = _offset + Libc.CmsgAlign((long)header.Length);
                if (next + Libc.CmsgDataOffset > _control.Length)
                {
                    _next = -1;
                }
                else
                {
                    CmsgHdr following = MemoryMarshal.Read<CmsgHdr>(_control[(int)next..]);
                    nuint room = (nuint)(_control.Length - next);
                    _next = following.Length > room || (nuint)Libc.CmsgAlign((long)following.Length) > room ? -1 : (int)next;
                }
            }
            return true;
        }
    }
}

/// <summary>One received control message: level, type, cmsg_len and the data the length covers.</summary>
internal readonly ref struct ControlMessageView
{
    internal ControlMessageView(int level, int type, long length, ReadOnlySpan<byte> data)
    {
        Level = level;
        Type = type;
        Length = length;
        Data = data;
    }

    internal int Level { get; }
    internal int Type { get; }

    /// <summary>cmsg_len: the header and the data.</summary>
    internal long Length { get; }

    internal ReadOnlySpan<byte> Data { get; }
}
