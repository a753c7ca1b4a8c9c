namespace PhpSockets.Conformance.Values;

/// <summary>
/// Builds a <see cref="PhpArray"/> the way a PHP array literal does. It keeps PHP 8.2's next free
/// index itself (unset until the first integer key, then one past the largest: <c>[-5 => 1, 2]</c>
/// gives keys -5 and -4, as observed on 8.2.36) rather than relying on PhpArray.Add.
/// </summary>
public sealed class ArrayBuilder
{
    private long? _nextIndex;
    private bool _exhausted;

    public PhpArray Array { get; } = new();

    /// <summary><c>[..., value]</c>.</summary>
    public void Append(object? value)
    {
        if (_exhausted) throw new PhpError("Cannot add element to the array as the next element is already occupied");
        Set(_nextIndex ?? 0, value);
    }

    /// <summary><c>[..., key => value]</c> with a key normalised by <see cref="ArrayKeys.Normalize"/>.</summary>
    public void Set(object key, object? value)
    {
        Array[key] = value;
        if (key is long index && (_nextIndex is null || index >= _nextIndex))
        {
            if (index == long.MaxValue) _exhausted = true;
            else _nextIndex = index + 1;
        }
    }
}
