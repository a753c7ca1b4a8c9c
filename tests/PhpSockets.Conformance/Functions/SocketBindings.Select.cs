using System.Collections.Generic;
using PhpSockets.Conformance.Evaluation;
using PhpSockets.Conformance.Values;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Conformance.Functions;

public static partial class SocketBindings
{
    /// <summary>
    /// socket_select over PHP arrays with their keys. The parameter checks come first (each list
    /// ?array, then the timeout), then PHP's element scan, list by list: the first element that is
    /// not a Socket is a TypeError here; null elements and closed sockets are left to the library,
    /// which reports them in the same scan order. On failure the lists stay as they were.
    /// </summary>
    private static object? Select(CallArguments a)
    {
        PhpArray? read = a.NullableArray(0), write = a.NullableArray(1), except = a.NullableArray(2);
        long? seconds = a.NullableInt(3);
        long microseconds = a.Int(4, 0);
        CheckElements(a, [read, write, except]);

        OrderedDictionary<object, Socket>? r = ToSelectSet(read), w = ToSelectSet(write), e = ToSelectSet(except);
        int? count = socket_select(ref r, ref w, ref e, seconds, microseconds);
        if (count is null) return false;
        KeepReady(a, 0, r);
        KeepReady(a, 1, w);
        KeepReady(a, 2, e);
        return (long)count.Value;
    }

    /// <summary>
    /// PHP's php_sock_array_from_fd_set: the variable becomes the elements of its current array
    /// whose descriptor is in the set, under their keys. The lists are written back in order read,
    /// write, except, each from the variable's value at that moment, so a variable passed twice
    /// (<c>socket_select($r, $r, ...)</c>) is filtered twice, as in PHP.
    /// </summary>
    private static void KeepReady(CallArguments a, int position, OrderedDictionary<object, Socket>? ready)
    {
        if (ready is null) return;
        var descriptors = new HashSet<int>();
        foreach (Socket socket in ready.Values) descriptors.Add(socket.Descriptor);
        VariableReference variable = a.Reference(position);
        var kept = new PhpArray();
        if (variable.Value is PhpArray current)
        {
            foreach (KeyValuePair<object, object?> entry in current)
            {
                if (entry.Value is Socket socket && descriptors.Contains(socket.Descriptor)) kept[entry.Key] = socket;
            }
        }
        variable.Value = kept;
    }

    /// <summary>
    /// PHP's scan of the lists, in order, up to the first bad element: a TypeError for a value that
    /// is not a Socket; a null element or a closed socket ends the scan, since the library throws
    /// for those itself, scanning in the same order.
    /// </summary>
    private static void CheckElements(CallArguments a, PhpArray?[] lists)
    {
        for (int position = 0; position < lists.Length; position++)
        {
            if (lists[position] is not { } sockets) continue;
            foreach (object? element in sockets.Values)
            {
                if (element is null || element is Socket { IsClosed: true }) return;
                if (element is not Socket)
                    throw a.TypeError(position, $"must only have elements of type Socket, {PhpConversions.TypeName(element)} given");
            }
        }
    }

    private static OrderedDictionary<object, Socket>? ToSelectSet(PhpArray? sockets)
    {
        if (sockets is null) return null;
        var set = new OrderedDictionary<object, Socket>();
        foreach (KeyValuePair<object, object?> entry in sockets) set.Add(entry.Key, (Socket)entry.Value!);
        return set;
    }
}
