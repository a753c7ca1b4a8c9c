using System.Collections.Generic;
using System.IO;
using PhpSockets.Conformance.Values;

namespace PhpSockets.Conformance.Transcript;

/// <summary>
/// The <c>#N</c> of objects in the transcript: per class, the distinct objects numbered from 1 in the
/// order the transcript first prints them, by identity; resources (streams) share one numbering. A
/// closed socket keeps its number, a closed stream too (printed <c>resource(Unknown)#N</c>).
/// </summary>
public sealed class ObjectIds
{
    private readonly Dictionary<object, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _counts = new();

    /// <summary>How the transcript writes <paramref name="value"/>: <c>Socket#2</c>, <c>object(Foo)#1</c>.</summary>
    public string Label(object value)
    {
        string numbering = value is Stream ? "resource" : PhpObjects.ClassName(value);
        if (!_ids.TryGetValue(value, out int id))
        {
            id = _counts.GetValueOrDefault(numbering) + 1;
            _counts[numbering] = id;
            _ids.Add(value, id);
        }
        string kind = value switch
        {
            Socket => "Socket",
            AddressInfo => "AddressInfo",
            Stream stream => PhpObjects.IsClosed(stream) ? "resource(Unknown)" : "resource(stream)",
            _ => $"object({numbering})",
        };
        return $"{kind}#{id}";
    }
}
