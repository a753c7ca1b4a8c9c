using System.IO;

namespace PhpSockets.Conformance.Values;

/// <summary>
/// The PHP objects and resources a scenario can hold: <see cref="Socket"/>, <see cref="AddressInfo"/>,
/// and streams, which PhpSockets models as .NET <see cref="Stream"/>s (PHP's stream resources).
/// </summary>
public static class PhpObjects
{
    /// <summary>PHP's class name of an object, or "resource" for a stream (as zend_zval_type_name says).</summary>
    public static string ClassName(object value) => value switch
    {
        Socket => "Socket",
        AddressInfo => "AddressInfo",
        Stream => "resource",
        _ => value.GetType().Name,
    };

    /// <summary>Whether a stream resource has been closed (PHP then calls its type "Unknown").</summary>
    public static bool IsClosed(Stream stream) => !stream.CanRead && !stream.CanWrite && !stream.CanSeek;
}
