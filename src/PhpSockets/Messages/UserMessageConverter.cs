using System;
using System.Text;

namespace PhpSockets;

/// <summary>
/// PHP's conversion of a message array into a struct msghdr (conversions.c, "user data"): a walk
/// over fixed key tables in their order, each key optional unless PHP requires it, unknown keys
/// ignored, and the first error reported with its key path. The walk checks and fills at once, so
/// a later key is never looked at after an error, and warnings of address lookups come out as
/// they happen.
/// </summary>
internal sealed partial class UserMessageConverter
{
    private const int DefaultBufferSize = 8192;
    private const int MaxBufferSize = 100 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly string _function;
    private readonly ConversionContext _context = ConversionContext.FromUser();
    private PhpError? _pending;

    private UserMessageConverter(Socket socket, string function)
    {
        _socket = socket;
        _function = function;
    }

    /// <summary>The conversion's outcome: null when it went through, else the warning text (empty when an exception ends it).</summary>
    internal string? Error => _context.Error;

    /// <summary>An Error PHP raised during the conversion (an object without a string form), to throw once the call is done.</summary>
    internal PhpError? Pending => _pending;

    /// <summary>socket_sendmsg's array into <paramref name="message"/>: keys name, iov, control.</summary>
    internal static UserMessageConverter ForSend(Socket socket, string function, PhpArray source, OutgoingMessage message)
    {
        var converter = new UserMessageConverter(socket, function);
        converter.WriteSendHeader(source, message);
        return converter;
    }

    /// <summary>socket_recvmsg's array into a request: keys name (only its family counts), buffer_size, controllen (required).</summary>
    internal static UserMessageConverter ForReceive(Socket socket, string function, PhpArray source, out ReceiveRequest request)
    {
        var converter = new UserMessageConverter(socket, function);
        request = converter.ReadReceiveHeader(source);
        return converter;
    }

    // ---- aggregation: PHP's from_zval_write_aggregation ----

    /// <summary>The container as an array, or null after "expected an array here".</summary>
    private PhpArray? Container(object? value)
    {
        if (value is PhpArray array) return array;
        _context.Fail("expected an array here");
        return null;
    }

    /// <summary>
    /// Looks up <paramref name="key"/> as one step of an aggregation: true (with the key pushed on the
    /// path; the caller pops it) when present and no error is recorded; "The key '...' is required"
    /// when a required key is missing.
    /// </summary>
    private bool Enter(PhpArray container, string key, bool required, out object? value)
    {
        value = null;
        if (_context.HasError) return false;
        if (container.TryGetValue(key, out value))
        {
            _context.Push(key);
            return true;
        }
        if (required) _context.Fail($"The key '{key}' is required");
        return false;
    }

    // ---- msghdr ----

    private void WriteSendHeader(PhpArray source, OutgoingMessage message)
    {
        if (Enter(source, "name", false, out object? name))
        {
            WriteName(name, message, fill: true, out _);
            _context.Pop();
        }
        if (Enter(source, "iov", false, out object? iov))
        {
            WriteBuffers(iov, message);
            _context.Pop();
        }
        if (Enter(source, "control", false, out object? control))
        {
            WriteControlList(control, message);
            _context.Pop();
        }
    }

    private ReceiveRequest ReadReceiveHeader(PhpArray source)
    {
        int nameLength = 0, bufferSize = -1;
        uint controlLength = 0;
        if (Enter(source, "name", false, out object? name))
        {
            WriteName(name, null, fill: false, out nameLength);
            _context.Pop();
        }
        if (Enter(source, "buffer_size", false, out object? size))
        {
            long value = Integer(size);
            if (!_context.HasError)
            {
                if (value is < 0 or > MaxBufferSize)
                    _context.Fail($"the buffer size must be between 1 and {MaxBufferSize}; given {value}");
                else
                    bufferSize = (int)value;
            }
            _context.Pop();
        }
        if (Enter(source, "controllen", true, out object? controllen))
        {
            uint value = UInt32(controllen);
            if (!_context.HasError && value == 0) _context.Fail("controllen cannot be 0");
            controlLength = value;
            _context.Pop();
        }
        return new ReceiveRequest(nameLength, bufferSize < 0 ? DefaultBufferSize : bufferSize, controlLength);
    }

    // ---- iov ----

    private void WriteBuffers(object? value, OutgoingMessage message)
    {
        if (Container(value) is not { } buffers) return;
        long number = 1;
        foreach (object? element in buffers.Values)
        {
            _context.PushElement(number++);
            message.AddBuffer(Text(element).Span);
            _context.Pop();
            if (_context.HasError) break;
        }
    }

    // ---- scalars ----

    private long Integer(object? value) => MessageScalars.ToInteger(value, _context, ref _pending);

    private int Int(object? value)
    {
        long number = Integer(value);
        if (_context.HasError) return 0;
        if (number is < int.MinValue or > int.MaxValue)
        {
            _context.Fail("given PHP integer is out of bounds for a native int");
            return 0;
        }
        return (int)number;
    }

    private uint UInt32(object? value)
    {
        long number = Integer(value);
        if (_context.HasError) return 0;
        if (number is < 0 or > uint.MaxValue)
        {
            _context.Fail("given PHP integer is out of bounds for an unsigned 32-bit integer");
            return 0;
        }
        return (uint)number;
    }

    private PhpString Text(object? value) => MessageScalars.ToPhpString(value, ref _pending);

    private static string CText(PhpString text) => Encoding.UTF8.GetString(SocketAddress.CString(text.Span));
}
