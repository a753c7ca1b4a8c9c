using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Unicode;
using PhpSockets.Conformance.Functions;

namespace PhpSockets.Conformance.Scenarios;

/// <summary>
/// Reads a whole scenario file and checks it against FORMAT.md before anything runs: directives,
/// one statement per line, the expression grammar, known function names, by-reference arguments
/// that are plain variables in calls that are the statement itself.
/// </summary>
public sealed class Parser
{
    private static readonly string[] s_magicConstants =
        ["__LINE__", "__FILE__", "__DIR__", "__FUNCTION__", "__CLASS__", "__TRAIT__", "__METHOD__", "__NAMESPACE__", "__COMPILER_HALT_OFFSET__"];

    private readonly FunctionTable _functions;
    private IReadOnlyList<Token> _tokens = [];
    private int _next;
    private int _lineNumber;

    // The operator of the statement's first chain: one statement does not mix '.' and '|', even in
    // different arguments (FORMAT.md says "one statement"; conformance/runner.php reads it so).
    private TokenKind? _chainOperator;

    private Parser(FunctionTable functions) => _functions = functions;

    public static Scenario Parse(byte[] file, FunctionTable functions) => new Parser(functions).ParseFile(file);

    private Scenario ParseFile(byte[] file)
    {
        var directives = new Directives();
        var statements = new List<Statement>();
        List<byte[]> lines = SplitLines(file);
        for (int i = 0; i < lines.Count; i++)
        {
            _lineNumber = i + 1;
            byte[] line = lines[i];
            ReadOnlySpan<byte> trimmed = line.AsSpan().TrimStart(" \t"u8);
            if (trimmed.StartsWith("#!"u8))
            {
                directives.Add(Encoding.UTF8.GetString(trimmed[2..]), _lineNumber);
                continue;
            }
            _tokens = Lexer.Lex(line, _lineNumber);
            if (_tokens.Count == 0) continue;
            _next = 0;
            _chainOperator = null;
            statements.Add(ParseStatement(line, statements.Count + 1));
        }
        return new Scenario(directives.Title, directives.Masks, directives.Requires, statements);
    }

    /// <summary>The lines without their LF or CRLF. The file must be UTF-8, without a byte order mark.</summary>
    private static List<byte[]> SplitLines(byte[] file)
    {
        if (file.AsSpan().StartsWith("\xEF\xBB\xBF"u8)) throw new MalformedScenarioException(1, "byte order mark");
        var lines = new List<byte[]>();
        ReadOnlySpan<byte> rest = file;
        while (!rest.IsEmpty)
        {
            int newline = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? [] : rest[(newline + 1)..];
            if (!Utf8.IsValid(line)) throw new MalformedScenarioException(lines.Count + 1, "not UTF-8");
            if (line.EndsWith("\r"u8)) line = line[..^1];
            lines.Add(line.ToArray());
        }
        return lines;
    }

    private Statement ParseStatement(byte[] line, int number)
    {
        Token first = _tokens[0];
        string? target = null;
        Expr value;
        if (first.Kind == TokenKind.Variable && _tokens.Count > 1 && _tokens[1].Kind == TokenKind.Assign)
        {
            target = (string)first.Value!;
            _next = 2;
            value = ParseExpression();
        }
        else
        {
            value = ParseExpression();
            if (value is not CallExpr) throw Malformed("a statement is either 'CALL;' or '$name = EXPR;'");
        }
        Token end = Expect(TokenKind.Semicolon, "';'");
        CheckByReferenceCalls(value, topLevel: true);
        byte[] source = line.AsSpan(first.Start, end.Start - first.Start).TrimEnd(" \t"u8).ToArray();
        return new Statement(number, _lineNumber, source, target, value);
    }

    /// <summary>
    /// How deep arrays and calls may nest in one statement. FORMAT.md allows any depth, but the parser
    /// and the evaluator recurse: past a few thousand levels the process dies of a stack overflow
    /// (found by fuzzing, tests/PhpSockets.Fuzz), so such a file is reported as malformed instead.
    /// </summary>
    private const int MaxNesting = 256;

    private int _nesting;

    private Expr ParseExpression()
    {
        if (++_nesting > MaxNesting) throw Malformed($"arrays and calls nested more than {MaxNesting} levels deep");
        try
        {
            return ParseChain();
        }
        finally
        {
            _nesting--;
        }
    }

    private Expr ParseChain()
    {
        Expr first = ParseAtom();
        TokenKind op = Current.Kind;
        if (op is not (TokenKind.Dot or TokenKind.Pipe)) return first;
        if (first is CallExpr { PassesByReference: true })
            throw Malformed("a call with by-reference arguments must be the statement itself");
        if (_chainOperator is { } chain && chain != op) throw Malformed("a statement mixes '.' and '|'");
        _chainOperator = op;
        var operands = new List<Expr> { first };
        while (Current.Kind is TokenKind.Dot or TokenKind.Pipe)
        {
            if (Current.Kind != op) throw Malformed("a statement mixes '.' and '|'");
            _next++;
            operands.Add(ParseAtom());
        }
        return op == TokenKind.Dot ? new ConcatExpr(operands) : new BitwiseOrExpr(operands);
    }

    private Expr ParseAtom()
    {
        Token token = Current;
        switch (token.Kind)
        {
            case TokenKind.Variable:
                _next++;
                Expr element = new VariableExpr((string)token.Value!);
                while (Current.Kind == TokenKind.OpenBracket)
                {
                    _next++;
                    Expr key = ParseKey();
                    Expect(TokenKind.CloseBracket, "']'");
                    element = new ElementExpr(element, key);
                }
                return element;
            case TokenKind.Identifier:
                _next++;
                if (Current.Kind == TokenKind.OpenParen) return ParseCall(token);
                return NamedValue((string)token.Value!);
            case TokenKind.Integer:
            case TokenKind.String:
                _next++;
                return new LiteralExpr(token.Value);
            case TokenKind.OpenBracket:
                _next++;
                return ParseArray();
            default:
                throw Malformed($"expected a value, found {Describe(token)}");
        }
    }

    /// <summary>An element key: an integer or string literal or a constant.</summary>
    private Expr ParseKey()
    {
        Token token = Current;
        _next++;
        return token.Kind switch
        {
            TokenKind.Integer or TokenKind.String => new LiteralExpr(token.Value),
            TokenKind.Identifier => NamedValue((string)token.Value!),
            _ => throw Malformed($"an element key is an integer or string literal or a constant, found {Describe(token)}"),
        };
    }

    private Expr NamedValue(string name)
    {
        switch (name.ToLowerInvariant())
        {
            case "true": return new LiteralExpr(true);
            case "false": return new LiteralExpr(false);
            case "null": return new LiteralExpr(null);
        }
        if (Array.IndexOf(s_magicConstants, name.ToUpperInvariant()) >= 0) throw Malformed($"magic constant {name} is not allowed");
        return new ConstantExpr(name);
    }

    private ArrayExpr ParseArray()
    {
        var items = new List<ArrayItem>();
        while (Current.Kind != TokenKind.CloseBracket)
        {
            int start = _next;
            Expr first = ParseExpression();
            if (Current.Kind == TokenKind.Arrow)
            {
                // What came before '=>' must have been a KEY: one literal or constant.
                int end = _next;
                _next = start;
                Expr key = ParseKey();
                if (_next != end) throw Malformed("an array key is an integer or string literal or a constant");
                _next++;
                items.Add(new ArrayItem(key, ParseExpression()));
            }
            else
            {
                items.Add(new ArrayItem(null, first));
            }
            if (Current.Kind != TokenKind.Comma) break;
            _next++;
        }
        Expect(TokenKind.CloseBracket, "']' or ','");
        return new ArrayExpr(items);
    }

    private CallExpr ParseCall(Token name)
    {
        string text = (string)name.Value!;
        FunctionEntry function = _functions.Find(text)
            ?? throw Malformed($"unknown function {text}() (only ext/sockets functions and the helpers of FORMAT.md)");
        _next++;
        var arguments = new List<Expr>();
        while (Current.Kind != TokenKind.CloseParen)
        {
            Expr argument = ParseExpression();
            if (function.Signature.IsByReference(arguments.Count) && argument is not VariableExpr)
                throw Malformed($"argument #{arguments.Count + 1} of {text}() is passed by reference and must be a plain $variable");
            arguments.Add(argument);
            if (Current.Kind != TokenKind.Comma) break;
            _next++;
        }
        Expect(TokenKind.CloseParen, "')' or ','");
        return new CallExpr(text, function, arguments);
    }

    /// <summary>A call that passes an argument by reference must be the statement itself.</summary>
    private void CheckByReferenceCalls(Expr expr, bool topLevel)
    {
        switch (expr)
        {
            case CallExpr call:
                if (!topLevel && call.PassesByReference)
                    throw Malformed($"{call.Name}() takes an argument by reference, so it must be the statement itself ('CALL;' or '$x = CALL;')");
                foreach (Expr argument in call.Arguments) CheckByReferenceCalls(argument, false);
                break;
            case ConcatExpr concat:
                foreach (Expr operand in concat.Operands) CheckByReferenceCalls(operand, false);
                break;
            case BitwiseOrExpr or:
                foreach (Expr operand in or.Operands) CheckByReferenceCalls(operand, false);
                break;
            case ArrayExpr array:
                foreach (ArrayItem item in array.Items)
                {
                    if (item.Key is not null) CheckByReferenceCalls(item.Key, false);
                    CheckByReferenceCalls(item.Value, false);
                }
                break;
        }
    }

    private Token Current => _next < _tokens.Count ? _tokens[_next] : new Token(TokenKind.End, 0, 0, null);

    private Token Expect(TokenKind kind, string what)
    {
        Token token = Current;
        if (token.Kind != kind) throw Malformed($"expected {what}, found {Describe(token)}");
        _next++;
        return token;
    }

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.Variable => "$" + token.Value,
        TokenKind.Identifier => (string)token.Value!,
        TokenKind.Integer => "an integer",
        TokenKind.String => "a string",
        TokenKind.OpenParen => "'('",
        TokenKind.CloseParen => "')'",
        TokenKind.OpenBracket => "'['",
        TokenKind.CloseBracket => "']'",
        TokenKind.Comma => "','",
        TokenKind.Semicolon => "';'",
        TokenKind.Assign => "'='",
        TokenKind.Dot => "'.'",
        TokenKind.Pipe => "'|'",
        TokenKind.Arrow => "'=>'",
        _ => "the end of the statement",
    };

    private MalformedScenarioException Malformed(string reason) => new(_lineNumber, reason);
}
