using System;
using System.Collections.Generic;
using System.Text;

namespace PhpSockets.Conformance.Scenarios;

/// <summary>
/// Splits one statement line into tokens, on bytes (string literals keep their exact UTF-8 bytes).
/// The statement ends at its <c>;</c>; after it only blanks and a <c>#</c> or <c>//</c> comment may
/// follow. Everything FORMAT.md does not allow is malformed.
/// </summary>
public sealed class Lexer
{
    private readonly byte[] _line;
    private readonly int _lineNumber;
    private readonly List<Token> _tokens = [];
    private int _pos;

    private Lexer(byte[] line, int lineNumber)
    {
        _line = line;
        _lineNumber = lineNumber;
    }

    /// <summary>
    /// The tokens of the statement on <paramref name="line"/>, the last one its <c>;</c>, or an
    /// empty list when the line holds only blanks and a comment.
    /// </summary>
    public static IReadOnlyList<Token> Lex(byte[] line, int lineNumber) => new Lexer(line, lineNumber).Run();

    private List<Token> Run()
    {
        while (true)
        {
            SkipBlanks();
            if (AtCommentOrEnd())
            {
                if (_tokens.Count == 0) return _tokens;
                throw Malformed("the statement does not end with ';' on its line");
            }
            Token token = Next();
            _tokens.Add(token);
            if (token.Kind == TokenKind.Semicolon) break;
        }
        SkipBlanks();
        if (!AtCommentOrEnd()) throw Malformed("only a comment may follow ';' (one statement per line)");
        return _tokens;
    }

    private void SkipBlanks()
    {
        while (_pos < _line.Length && (_line[_pos] == (byte)' ' || _line[_pos] == (byte)'\t')) _pos++;
    }

    private bool AtCommentOrEnd()
    {
        if (_pos >= _line.Length) return true;
        if (_line[_pos] == (byte)'#') return true;
        if (_line[_pos] == (byte)'/' && Peek(1) == (byte)'/') return true;
        if (_line[_pos] == (byte)'/' && Peek(1) == (byte)'*') throw Malformed("/* */ comments are not allowed");
        return false;
    }

    private int Peek(int offset) => _pos + offset < _line.Length ? _line[_pos + offset] : -1;

    private Token Next()
    {
        int start = _pos;
        byte c = _line[_pos];
        switch (c)
        {
            case (byte)'(': return Single(TokenKind.OpenParen);
            case (byte)')': return Single(TokenKind.CloseParen);
            case (byte)'[': return Single(TokenKind.OpenBracket);
            case (byte)']': return Single(TokenKind.CloseBracket);
            case (byte)',': return Single(TokenKind.Comma);
            case (byte)';': return Single(TokenKind.Semicolon);
            case (byte)'.':
                if (IsDigit(Peek(1))) throw Malformed("float literals are not allowed");
                return Single(TokenKind.Dot);
            case (byte)'|': return Single(TokenKind.Pipe);
            case (byte)'=':
                if (Peek(1) == (byte)'>')
                {
                    _pos += 2;
                    return new Token(TokenKind.Arrow, start, _pos, null);
                }
                return Single(TokenKind.Assign);
            case (byte)'$':
                _pos++;
                if (!IsNameStart(Peek(0))) throw Malformed("'$' must start a variable name");
                string variable = ReadName();
                if (variable is "this" or "GLOBALS") throw Malformed($"${variable} is not allowed");
                return new Token(TokenKind.Variable, start, _pos, variable);
            case (byte)'\'':
                return SingleQuoted();
            case (byte)'"':
                return DoubleQuoted();
            case (byte)'-':
                if (!IsDigit(Peek(1))) throw Malformed("'-' is allowed only directly before an integer literal");
                _pos++;
                return Integer(start, negative: true);
        }
        if (IsDigit(c)) return Integer(start, negative: false);
        if (IsNameStart(c))
        {
            string name = ReadName();
            return new Token(TokenKind.Identifier, start, _pos, name);
        }
        throw Malformed($"unexpected character '{Describe(c)}'");
    }

    private Token Single(TokenKind kind)
    {
        _pos++;
        return new Token(kind, _pos - 1, _pos, null);
    }

    private int NameLength()
    {
        int n = 0;
        while (_pos + n < _line.Length && IsNameChar(_line[_pos + n])) n++;
        return n;
    }

    private string ReadName()
    {
        int length = NameLength();
        string name = Encoding.ASCII.GetString(_line, _pos, length);
        _pos += length;
        return name;
    }

    private Token Integer(int start, bool negative)
    {
        int digitsStart = _pos;
        long value;
        if (_line[_pos] == (byte)'0' && Peek(1) == (byte)'x')
        {
            _pos += 2;
            digitsStart = _pos;
            while (_pos < _line.Length && IsHexDigit(_line[_pos])) _pos++;
            if (_pos == digitsStart) throw Malformed("'0x' must be followed by hexadecimal digits");
            value = Magnitude(digitsStart, 16);
        }
        else
        {
            while (_pos < _line.Length && IsDigit(_line[_pos])) _pos++;
            if (_line[digitsStart] == (byte)'0' && _pos - digitsStart > 1) throw Malformed("integer literals have no leading zeros");
            value = Magnitude(digitsStart, 10);
        }
        if (_pos < _line.Length && (IsNameChar(_line[_pos]) || _line[_pos] == (byte)'.' || _line[_pos] >= 0x80))
            throw Malformed("malformed integer literal (float literals and other notations are not allowed)");
        return new Token(TokenKind.Integer, start, _pos, negative ? -value : value);
    }

    /// <summary>
    /// The literal's value. Past PHP_INT_MAX PHP would make it a float; the scenario format calls
    /// that malformed (as conformance/runner.php does), so every literal is a long.
    /// </summary>
    private long Magnitude(int digitsStart, int radix)
    {
        ulong magnitude = 0;
        for (int i = digitsStart; i < _pos; i++)
        {
            UInt128 next = (UInt128)magnitude * (uint)radix + (uint)HexValue(_line[i]);
            if (next > long.MaxValue) throw Malformed("integer literal out of range");
            magnitude = (ulong)next;
        }
        return (long)magnitude;
    }

    private Token SingleQuoted()
    {
        int start = _pos++;
        var bytes = new List<byte>();
        while (true)
        {
            if (_pos >= _line.Length) throw Malformed("unterminated string literal (strings stay on one line)");
            byte b = _line[_pos++];
            if (b == (byte)'\'') break;
            if (b == (byte)'\\' && _pos < _line.Length && (_line[_pos] == (byte)'\\' || _line[_pos] == (byte)'\''))
                b = _line[_pos++];
            bytes.Add(b);
        }
        return new Token(TokenKind.String, start, _pos, new PhpString(bytes.ToArray()));
    }

    private Token DoubleQuoted()
    {
        int start = _pos++;
        var bytes = new List<byte>();
        while (true)
        {
            if (_pos >= _line.Length) throw Malformed("unterminated string literal (strings stay on one line)");
            byte b = _line[_pos++];
            if (b == (byte)'"') break;
            if (b == (byte)'$') throw Malformed("an unescaped '$' in a double-quoted string (no interpolation)");
            if (b != (byte)'\\')
            {
                bytes.Add(b);
                continue;
            }
            int e = Peek(0);
            _pos++;
            switch (e)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case '$': bytes.Add((byte)'$'); break;
                case '0':
                    if (IsDigit(Peek(0))) throw Malformed("'\\0' followed by a digit (octal escapes are not supported)");
                    bytes.Add(0);
                    break;
                case 'x':
                    if (!IsHexDigit(Peek(0)) || !IsHexDigit(Peek(1))) throw Malformed("'\\x' must be followed by exactly two hexadecimal digits");
                    bytes.Add((byte)(HexValue(_line[_pos]) * 16 + HexValue(_line[_pos + 1])));
                    _pos += 2;
                    break;
                default:
                    throw Malformed(e < 0 ? "unterminated string literal" : $"unsupported escape '\\{Describe((byte)e)}' in a double-quoted string");
            }
        }
        return new Token(TokenKind.String, start, _pos, new PhpString(bytes.ToArray()));
    }

    private MalformedScenarioException Malformed(string reason) => new(_lineNumber, reason);

    private static string Describe(byte b) => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:x2}";

    private static bool IsDigit(int b) => b is >= '0' and <= '9';

    private static bool IsHexDigit(int b) => b is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static bool IsNameStart(int b) => b is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_';

    private static bool IsNameChar(int b) => IsNameStart(b) || IsDigit(b);
}
