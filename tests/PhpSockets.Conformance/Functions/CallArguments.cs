using System.Globalization;
using PhpSockets.Conformance.Evaluation;
using PhpSockets.Conformance.Values;

namespace PhpSockets.Conformance.Functions;

/// <summary>
/// The arguments of one call, with PHP's parameter parsing in non-strict mode: each accessor checks
/// and converts one parameter the way zend_parse_parameters would, with PHP's TypeError and
/// deprecation texts (named after the signature). Bindings call the accessors in parameter order,
/// so the first bad argument is the one reported, as in PHP. Engine coercions are out of the
/// scenarios' scope (FORMAT.md), so only the common cases are modelled.
/// </summary>
public sealed class CallArguments
{
    private readonly object?[] _values;
    private readonly VariableReference?[] _references;

    public CallArguments(Signature signature, object?[] values, VariableReference?[] references, Diagnostics diagnostics)
    {
        Signature = signature;
        _values = values;
        _references = references;
        Diagnostics = diagnostics;
    }

    public Signature Signature { get; }

    public Diagnostics Diagnostics { get; }

    /// <summary>How many arguments were passed.</summary>
    public int Count => _values.Length;

    public bool Has(int position) => position < _values.Length;

    /// <summary>PHP's arity check of internal functions (ArgumentCountError).</summary>
    public void CheckCount()
    {
        int max = Signature.IsVariadic ? int.MaxValue : Signature.Parameters.Count;
        int min = Signature.Required;
        if (Count >= min && Count <= max) return;
        string bound = min == max ? "exactly" : Count < min ? "at least" : "at most";
        int expected = Count < min ? min : max;
        throw new PhpArgumentCountError($"{Signature.Name}() expects {bound} {expected} argument{(expected == 1 ? "" : "s")}, {Count} given");
    }

    /// <summary>The argument as passed (for a by-reference one, the variable's current value).</summary>
    public object? Value(int position) => _references[position] is { } reference ? reference.Value : _values[position];

    /// <summary>A by-reference argument: the variable, created NULL if it was undefined.</summary>
    public VariableReference Reference(int position) => _references[position]!;

    /// <summary>An optional by-reference argument, or null when not passed.</summary>
    public VariableReference? OptionalReference(int position) => Has(position) ? Reference(position) : null;

    public Socket Socket(int position) => Object<Socket>(position);

    /// <summary>A parameter typed with a class (Socket, AddressInfo).</summary>
    public T Object<T>(int position) where T : class =>
        Value(position) as T ?? throw TypeMismatch(position);

    /// <summary><c>?Socket $socket = null</c>.</summary>
    public Socket? NullableSocket(int position)
    {
        if (!Has(position)) return null;
        object? value = Value(position);
        return value is null ? null : value as Socket ?? throw TypeMismatch(position);
    }

    public long Int(int position) => IntOrNull(position) ?? 0;

    /// <summary>An optional int parameter: <paramref name="defaultValue"/> when not passed.</summary>
    public long Int(int position, long defaultValue) => Has(position) ? Int(position) : defaultValue;

    /// <summary><c>?int $x = null</c>: null when not passed or passed null.</summary>
    public long? NullableInt(int position) => Has(position) ? IntOrNull(position) : null;

    public PhpString String(int position) => StringOrNull(position) ?? PhpString.Empty;

    /// <summary><c>?string $x = null</c>.</summary>
    public PhpString? NullableString(int position) => Has(position) ? StringOrNull(position) : null;

    public PhpArray Array(int position) => NullableArray(position) ?? throw TypeMismatch(position);

    /// <summary><c>?array $x</c> (also a typed by-reference parameter such as socket_select's).</summary>
    public PhpArray? NullableArray(int position)
    {
        if (!Has(position)) return null;
        object? value = Value(position);
        if (value is null && Parameter(position).Nullable) return null;
        return value as PhpArray ?? throw TypeMismatch(position);
    }

    /// <summary>zend_parse_arg_long_weak; null for NULL on a nullable parameter.</summary>
    private long? IntOrNull(int position)
    {
        object? value = Value(position);
        Parameter parameter = Parameter(position);
        switch (value)
        {
            case long n:
                return n;
            case bool b:
                return b ? 1 : 0;
            case null:
                if (parameter.Nullable) return null;
                NullDeprecation(parameter, "int");
                return 0;
            case double d:
                return DoubleToInt(d, position, null);
            case PhpString s:
                NumericKind kind = NumericString.Parse(s.Span, out long l, out double dv, out bool trailing);
                if (kind == NumericKind.None || trailing) throw TypeMismatch(position);
                return kind == NumericKind.Long ? l : DoubleToInt(dv, position, s);
            default:
                throw TypeMismatch(position);
        }
    }

    private long DoubleToInt(double d, int position, PhpString? source)
    {
        if (!double.IsFinite(d) || d < -9.2233720368547758E+18 || d >= 9.2233720368547758E+18) throw TypeMismatch(position);
        if (!PhpConversions.IsLongCompatible(d))
        {
            Diagnostics.Deprecated(source is { } s
                ? $"Implicit conversion from float-string \"{PhpConversions.MessageText(s)}\" to int loses precision"
                : $"Implicit conversion from float {PhpFloat.Format(d, PhpFloat.SerializePrecision)} to int loses precision");
        }
        return (long)d;
    }

    /// <summary>zend_parse_arg_str_weak; null for NULL on a nullable parameter.</summary>
    private PhpString? StringOrNull(int position)
    {
        object? value = Value(position);
        Parameter parameter = Parameter(position);
        switch (value)
        {
            case PhpString s:
                return s;
            case long n:
                return n.ToString(CultureInfo.InvariantCulture);
            case double d:
                return PhpFloat.Format(d, PhpFloat.Precision);
            case bool b:
                return b ? "1" : PhpString.Empty;
            case null:
                if (parameter.Nullable) return null;
                NullDeprecation(parameter, "string");
                return PhpString.Empty;
            default:
                throw TypeMismatch(position);
        }
    }

    private void NullDeprecation(Parameter parameter, string type) =>
        Diagnostics.Deprecated($"{Signature.Name}(): Passing null to parameter {parameter.Label} of type {type} is deprecated");

    private Parameter Parameter(int position) => position < Signature.Parameters.Count
        ? Signature.Parameters[position]
        : Signature.Parameters[^1] with { Position = position }; // a further argument of a variadic parameter

    /// <summary>zend_argument_type_error: <c>f(): Argument #N ($name) must be of type T, U given</c>.</summary>
    public PhpTypeError TypeMismatch(int position) => TypeError(position, $"must be of type {Parameter(position).Type}, {PhpConversions.TypeName(Value(position))} given");

    /// <summary>zend_argument_type_error with any text after the argument's name.</summary>
    public PhpTypeError TypeError(int position, string text)
    {
        return new PhpTypeError($"{Signature.Name}(): Argument {Parameter(position).Label} {text}");
    }

    /// <summary>zend_argument_value_error.</summary>
    public PhpValueError ValueError(int position, string text)
    {
        return new PhpValueError($"{Signature.Name}(): Argument {Parameter(position).Label} {text}");
    }
}
