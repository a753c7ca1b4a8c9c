using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Fuzz;

/// <summary>
/// The recvmsg decoders, fed what a kernel could never give: a random sender address and a random
/// control buffer, straight into socket_recvmsg's converter (<see cref="NativeMessageConverter"/>)
/// and the typed decoder (<see cref="TypedMessageDecoder"/>).
/// <para>Input: byte 0: bit 0 whether a name was asked for; byte 1: msg_namelen (0..255); the next
/// 128 bytes (zero-padded) the sockaddr_storage; byte 2 bit 0..: how long the data is; the rest is the
/// control buffer.</para>
/// <para>SCM_RIGHTS slots get real descriptors before each decode (a fresh dup of /dev/null or of a
/// socket, as the slot's own bits choose), since the decoders take ownership of what the slots hold.
/// After each decode every object made is disposed, and each of those descriptors must be closed:
/// the decoders must give each one an owner or close it, whatever the buffer looks like.</para>
/// </summary>
public static class ControlMessageTarget
{
    private const int HeaderBytes = 3;
    private static int s_socketSource = -1;
    private static int s_fileSource = -1;

    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < HeaderBytes) return;
        bool nameRequested = (input[0] & 1) != 0;
        int nameLength = input[1];
        byte[] name = new byte[SockAddrStorage.Size];
        ReadOnlySpan<byte> rest = input[HeaderBytes..];
        int nameBytes = Math.Min(rest.Length, input[2] % (SockAddrStorage.Size + 1));
        rest[..nameBytes].CopyTo(name);
        byte[] control = rest[nameBytes..].ToArray();
        byte[] data = [1, 2, 3];
        string hex = Convert.ToHexString(input);
        Harness.Run(() =>
        {
            try
            {
                DecodeForPhp(nameRequested, name, nameLength, data, control);
                DecodeTyped(nameRequested, name, nameLength, data, control);
            }
            catch (DescriptorLeakException e)
            {
                throw new DescriptorLeakException($"{e.Message}; input {hex}; previous input {s_previous}");
            }
            finally
            {
                s_previous = hex;
            }
        });
    }

    private static string s_previous = "";

    private static void DecodeForPhp(bool nameRequested, byte[] name, int nameLength, byte[] data, byte[] control)
    {
        byte[] buffer = (byte[])control.Clone();
        List<(int Fd, (ulong, ulong)? Identity)> fds = PlantDescriptors(buffer);
        try
        {
            var frame = new ReceivedFrame(nameRequested, name, Math.Min(nameLength, name.Length), data, data.Length, buffer, 0);
            var context = ConversionContext.FromNative();
            PhpArray? result = NativeMessageConverter.ToPhpArray(frame, nameof(socket_recvmsg), context);
            if ((result is null) != context.HasError) throw new InvariantException("result and error disagree");
            if (result is not null) DisposeValues(result);
        }
        finally
        {
            CheckClosed(fds);
        }
    }

    private static void DecodeTyped(bool nameRequested, byte[] name, int nameLength, byte[] data, byte[] control)
    {
        byte[] buffer = (byte[])control.Clone();
        List<(int Fd, (ulong, ulong)? Identity)> fds = PlantDescriptors(buffer);
        try
        {
            var frame = new ReceivedFrame(nameRequested, name, Math.Min(nameLength, name.Length), data, data.Length, buffer, 0);
            ReceivedMessage message = TypedMessageDecoder.Decode(frame, data);
            foreach (ControlMessage cmsg in message.ControlMessages)
            {
                if (cmsg is ScmRights rights)
                {
                    foreach (PassedDescriptor d in rights.Descriptors)
                    {
                        if (d.Socket is { } s) socket_close(s);
                        d.Stream?.Dispose();
                    }
                }
            }
        }
        finally
        {
            CheckClosed(fds);
        }
    }

    /// <summary>
    /// Walks the buffer as the decoders walk it and writes a fresh descriptor into every whole int
    /// of every SCM_RIGHTS message; returns them. A slot's low bit picks a socket or /dev/null.
    /// </summary>
    private static List<(int Fd, (ulong, ulong)? Identity)> PlantDescriptors(byte[] buffer)
    {
        var fds = new List<(int, (ulong, ulong)?)>();
        var frame = new ReceivedFrame(false, default, 0, default, 0, buffer, 0);
        foreach (ControlMessageView cmsg in frame.ControlMessages)
        {
            if (AncillaryTypes.Classify(cmsg.Level, cmsg.Type) != AncillaryTypes.Kind.Rights || cmsg.Data.IsEmpty) continue;
            int offset = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(buffer), ref MemoryMarshal.GetReference(cmsg.Data));
            for (int i = 0; i + sizeof(int) <= cmsg.Data.Length; i += sizeof(int))
            {
                int fd = Native.Dup((buffer[offset + i] & 1) != 0 ? SocketSource() : FileSource());
                if (fd < 0) throw new InvariantException("dup failed: " + Marshal.GetLastPInvokeError());
                fds.Add((fd, Native.Identity(fd)));
                MemoryMarshal.Write(buffer.AsSpan(offset + i), fd);
            }
        }
        return fds;
    }

    /// <summary>
    /// Every planted descriptor must be closed once the decoder's objects are disposed. A number that
    /// is open again but names another file was reused meanwhile (the runtime opens files on other
    /// threads, /proc while collecting garbage for one): that is not a leak, and not ours to close.
    /// </summary>
    private static void CheckClosed(List<(int Fd, (ulong, ulong)? Identity)> fds)
    {
        List<int>? open = null;
        foreach ((int fd, (ulong, ulong)? identity) in fds)
        {
            (ulong, ulong)? now = Native.Identity(fd);
            if (now is not null && now == identity) (open ??= new List<int>()).Add(fd);
            else if (now is not null) Harness.Note($"descriptor {fd} closed by the decoder, then reused by another thread for another file");
        }
        if (open is null) return;
        foreach (int fd in open) Native.Close(fd);
        throw new DescriptorLeakException($"descriptors left open by the decoder: {string.Join(", ", open)}");
    }

    /// <summary>Closes every Socket and stream in a decoded message array.</summary>
    private static void DisposeValues(PhpArray array)
    {
        foreach (KeyValuePair<object, object?> entry in array)
        {
            switch (entry.Value)
            {
                case PhpArray nested: DisposeValues(nested); break;
                case Socket socket: socket_close(socket); break;
                case Stream stream: stream.Dispose(); break;
            }
        }
    }

    private static int SocketSource()
    {
        if (s_socketSource < 0)
        {
            Socket? s = socket_create(AF_UNIX, SOCK_DGRAM, 0) ?? throw new InvariantException("socket_create failed");
            s_socketSource = s.Descriptor; // kept for the life of the process
            GC.KeepAlive(s_keep = s);
        }
        return s_socketSource;
    }

    private static Socket? s_keep;

    private static int FileSource()
    {
        if (s_fileSource < 0) s_fileSource = Native.Open("/dev/null", Native.O_RDWR | Native.O_CLOEXEC);
        return s_fileSource;
    }
}
