namespace PhpSockets.Conformance.Functions;

/// <summary>The library's results as PHP values: its null stands for PHP's false.</summary>
public static class Results
{
    public static object IntOrFalse(int? value) => value is { } n ? (long)n : false;

    public static object StringOrFalse(PhpString? value) => value is { } s ? s : false;

    public static object SocketOrFalse(Socket? value) => value is { } s ? s : false;
}
