namespace PhpSockets.Conformance.Scenarios;

public enum TokenKind
{
    Variable,
    Identifier,
    Integer,
    String,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Comma,
    Semicolon,
    Assign,
    Dot,
    Pipe,
    Arrow,
    End,
}

/// <summary>
/// One token of a statement line. <see cref="Value"/> holds the name of a variable (without "$") or
/// identifier, the value of an integer literal (a long) and the bytes of a string literal.
/// </summary>
public readonly record struct Token(TokenKind Kind, int Start, int End, object? Value);
