using System;

namespace PhpSockets;

/// <summary>
/// PHP's <c>Error</c>: thrown where PHP throws it (a closed socket, ...). <see cref="Exception.Message"/>
/// is PHP's message, word for word; <see cref="PhpClass"/> is PHP's class name.
/// </summary>
public class PhpError : Exception
{
    /// <summary>Creates the error with PHP's message.</summary>
    public PhpError(string message) : base(message)
    {
    }

    /// <summary>PHP's class name of this error.</summary>
    public virtual string PhpClass => "Error";
}

/// <summary>PHP's <c>TypeError</c>: an argument of the wrong type or shape.</summary>
public class PhpTypeError : PhpError
{
    /// <summary>Creates the error with PHP's message.</summary>
    public PhpTypeError(string message) : base(message)
    {
    }

    /// <inheritdoc />
    public override string PhpClass => "TypeError";
}

/// <summary>PHP's <c>ArgumentCountError</c> (a <c>TypeError</c> in PHP too).</summary>
public class PhpArgumentCountError : PhpTypeError
{
    /// <summary>Creates the error with PHP's message.</summary>
    public PhpArgumentCountError(string message) : base(message)
    {
    }

    /// <inheritdoc />
    public override string PhpClass => "ArgumentCountError";
}

/// <summary>PHP's <c>ValueError</c>: an argument of the right type with a value PHP rejects.</summary>
public class PhpValueError : PhpError
{
    /// <summary>Creates the error with PHP's message.</summary>
    public PhpValueError(string message) : base(message)
    {
    }

    /// <inheritdoc />
    public override string PhpClass => "ValueError";
}
