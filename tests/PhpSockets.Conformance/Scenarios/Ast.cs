using System.Collections.Generic;
using PhpSockets.Conformance.Functions;

namespace PhpSockets.Conformance.Scenarios;

/// <summary>An expression of the scenario subset.</summary>
public abstract record Expr;

/// <summary>An integer, string, true, false or null literal.</summary>
public sealed record LiteralExpr(object? Value) : Expr;

/// <summary>A constant, resolved when evaluated (an undefined one throws PHP's Error then).</summary>
public sealed record ConstantExpr(string Name) : Expr;

public sealed record VariableExpr(string Name) : Expr;

/// <summary><c>$a[KEY]</c>, read-only; <see cref="Target"/> is a variable or another element.</summary>
public sealed record ElementExpr(Expr Target, Expr Key) : Expr;

/// <summary><c>[KEY => VALUE, VALUE, ...]</c>; a null <see cref="ArrayItem.Key"/> appends.</summary>
public sealed record ArrayExpr(IReadOnlyList<ArrayItem> Items) : Expr;

public sealed record ArrayItem(Expr? Key, Expr Value);

/// <summary><c>name(ARG, ...)</c> with the function the name stands for (case-insensitive).</summary>
public sealed record CallExpr(string Name, FunctionEntry Function, IReadOnlyList<Expr> Arguments) : Expr
{
    /// <summary>Whether any argument goes by reference (then the call must be the statement itself).</summary>
    public bool PassesByReference
    {
        get
        {
            for (int i = 0; i < Arguments.Count; i++)
            {
                if (Function.Signature.IsByReference(i)) return true;
            }
            return false;
        }
    }
}

/// <summary>Operands joined by <c>.</c>.</summary>
public sealed record ConcatExpr(IReadOnlyList<Expr> Operands) : Expr;

/// <summary>Operands joined by <c>|</c>.</summary>
public sealed record BitwiseOrExpr(IReadOnlyList<Expr> Operands) : Expr;

/// <summary>
/// One statement: <c>CALL;</c> (<see cref="Target"/> null) or <c>$name = EXPR;</c>.
/// <see cref="Source"/> is the statement as written, without ';' and trimmed.
/// </summary>
public sealed record Statement(int Number, int Line, byte[] Source, string? Target, Expr Value);

/// <summary>A whole scenario file, checked.</summary>
public sealed record Scenario(string? Title, IReadOnlyList<string> Masks, IReadOnlyList<string> Requires, IReadOnlyList<Statement> Statements);
