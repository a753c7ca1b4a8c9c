using System.Collections.Generic;
using PhpSockets.Conformance.Evaluation;
using PhpSockets.Conformance.Values;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Conformance.Functions;

/// <summary>
/// The functions with by-reference outputs. Each writes a variable back only where PHP would: the
/// library's untouched outputs are detected with <see cref="OutSlots"/>' sentinels, and outputs are
/// written back even when the call throws.
/// </summary>
public static partial class SocketBindings
{
    private static object? CreatePair(CallArguments a)
    {
        long domain = a.Int(0), type = a.Int(1), protocol = a.Int(2);
        VariableReference pairVariable = a.Reference(3);
        Socket[]? pair = null;
        bool created = socket_create_pair(domain, type, protocol, ref pair);
        if (pair is not null) pairVariable.Value = new PhpArray { pair[0], pair[1] };
        return created;
    }

    private static object? SocketName(CallArguments a, bool peer)
    {
        Socket socket = a.Socket(0);
        VariableReference addressVariable = a.Reference(1);
        VariableReference? portVariable = a.OptionalReference(2);
        PhpString? address = OutSlots.UntouchedString;
        int port = OutSlots.UntouchedPort;
        try
        {
            if (portVariable is null)
                return peer ? socket_getpeername(socket, ref address) : socket_getsockname(socket, ref address);
            return peer ? socket_getpeername(socket, ref address, ref port) : socket_getsockname(socket, ref address, ref port);
        }
        finally
        {
            OutSlots.Store(addressVariable, address);
            OutSlots.Store(portVariable, port);
        }
    }

    private static object? Recv(CallArguments a)
    {
        Socket socket = a.Socket(0);
        VariableReference dataVariable = a.Reference(1);
        long length = a.Int(2), flags = a.Int(3);
        PhpString? data = OutSlots.UntouchedString;
        try
        {
            return Results.IntOrFalse(socket_recv(socket, ref data, length, flags));
        }
        finally
        {
            OutSlots.Store(dataVariable, data);
        }
    }

    private static object? RecvFrom(CallArguments a)
    {
        Socket socket = a.Socket(0);
        VariableReference dataVariable = a.Reference(1);
        long length = a.Int(2), flags = a.Int(3);
        VariableReference addressVariable = a.Reference(4);
        VariableReference? portVariable = a.OptionalReference(5);
        PhpString? data = OutSlots.UntouchedString, address = OutSlots.UntouchedString;
        int port = OutSlots.UntouchedPort;
        try
        {
            // Without $port the library's own overload throws PHP's "Wrong parameter count" for AF_INET/AF_INET6.
            return Results.IntOrFalse(portVariable is null
                ? socket_recvfrom(socket, ref data, length, flags, ref address)
                : socket_recvfrom(socket, ref data, length, flags, ref address, ref port));
        }
        finally
        {
            OutSlots.Store(dataVariable, data);
            OutSlots.Store(addressVariable, address);
            OutSlots.Store(portVariable, port);
        }
    }

    /// <summary>
    /// <c>array &amp;$message</c>: replaced by the received message on success, or by false when PHP
    /// could not convert what arrived (the library's null); untouched when the call fails.
    /// </summary>
    private static object? RecvMsg(CallArguments a)
    {
        Socket socket = a.Socket(0);
        PhpArray? message = a.Array(1);
        long flags = a.Int(2, 0);
        int? count = socket_recvmsg(socket, ref message, flags);
        if (count is null) return false;
        a.Reference(1).Value = message is null ? false : message;
        return (long)count.Value;
    }
}
