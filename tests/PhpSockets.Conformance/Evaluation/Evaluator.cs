using System.Collections.Generic;
using PhpSockets.Conformance.Functions;
using PhpSockets.Conformance.Scenarios;
using PhpSockets.Conformance.Values;

namespace PhpSockets.Conformance.Evaluation;

/// <summary>
/// Evaluates expressions in PHP's order, with PHP's diagnostics: call arguments left to right (a
/// by-reference one creates its variable), then the function's arity and parameter checks; in
/// <c>$v[K1][K2]</c> K1 is evaluated before <c>$v</c> is read; in the first pair of a <c>.</c> or
/// <c>|</c> chain a plain variable is read when the operator runs, after the other operand's call
/// (PHP reads a CV operand inside the operator's opcode). conformance/runner.php does the same.
/// </summary>
public sealed class Evaluator(Variables variables, Diagnostics diagnostics)
{
    /// <summary>
    /// How many arguments of the last call started were evaluated (passed), also when one threw:
    /// a by-reference variable not reached prints NULL.
    /// </summary>
    public int ArgumentsReached { get; private set; }

    public object? Evaluate(Expr expr) => expr switch
    {
        LiteralExpr literal => literal.Value,
        ConstantExpr constant => Constants.TryGet(constant.Name, out object? value)
            ? value
            : throw new PhpError($"Undefined constant \"{constant.Name}\""),
        VariableExpr variable => Read(variable.Name),
        ElementExpr element => ReadElement(element),
        ArrayExpr array => Build(array),
        CallExpr call => Call(call),
        ConcatExpr concat => Concat(concat),
        BitwiseOrExpr or => BitwiseOr(or),
        _ => throw new System.InvalidOperationException($"unknown expression {expr}"),
    };

    private object? Read(string name)
    {
        if (variables.TryGet(name, out object? value)) return value;
        diagnostics.Warning($"Undefined variable ${name}");
        return null;
    }

    private object? ReadElement(ElementExpr element)
    {
        if (element.Target is ElementExpr inner)
        {
            object? container = ReadElement(inner);
            return Elements.Read(container, Evaluate(element.Key), diagnostics);
        }
        object? key = Evaluate(element.Key);
        return Elements.Read(Evaluate(element.Target), key, diagnostics);
    }

    private PhpArray Build(ArrayExpr expr)
    {
        var builder = new ArrayBuilder();
        foreach (ArrayItem item in expr.Items)
        {
            if (item.Key is null)
            {
                builder.Append(Evaluate(item.Value));
                continue;
            }
            object? key = Evaluate(item.Key);
            object? value = Evaluate(item.Value);
            builder.Set(ArrayKeys.Normalize(key, diagnostics), value);
        }
        return builder.Array;
    }

    private object? Call(CallExpr call)
    {
        Binding binding = call.Function.Binding ?? throw new PhpError($"Call to undefined function {call.Name}()");
        Signature signature = call.Function.Signature;
        int count = call.Arguments.Count;
        var values = new object?[count];
        var references = new VariableReference?[count];
        int reached = 0;
        try
        {
            for (; reached < count; reached++)
            {
                Expr argument = call.Arguments[reached];
                if (signature.IsByReference(reached)) references[reached] = variables.Reference(((VariableExpr)argument).Name);
                else values[reached] = Evaluate(argument);
            }
        }
        finally
        {
            // Set last, so a call nested in an argument does not leave its own count behind.
            ArgumentsReached = reached;
        }
        var arguments = new CallArguments(signature, values, references, diagnostics);
        arguments.CheckCount();
        return PhpConversions.FromLibrary(binding(arguments));
    }

    private object? Concat(ConcatExpr concat)
    {
        (object? left, object? right) = FirstPair(concat.Operands);
        object? result = Operators.Concat(left, right, diagnostics);
        for (int i = 2; i < concat.Operands.Count; i++)
            result = Operators.Concat(result, Evaluate(concat.Operands[i]), diagnostics);
        return result;
    }

    private object? BitwiseOr(BitwiseOrExpr or)
    {
        (object? left, object? right) = FirstPair(or.Operands);
        object? result = Operators.BitwiseOr(left, right, diagnostics);
        for (int i = 2; i < or.Operands.Count; i++)
            result = Operators.BitwiseOr(result, Evaluate(or.Operands[i]), diagnostics);
        return result;
    }

    /// <summary>The first two operands: other expressions first, left to right, then plain variables.</summary>
    private (object? Left, object? Right) FirstPair(IReadOnlyList<Expr> operands)
    {
        Expr left = operands[0], right = operands[1];
        object? l = left is VariableExpr ? null : Evaluate(left);
        object? r = right is VariableExpr ? null : Evaluate(right);
        if (left is VariableExpr) l = Evaluate(left);
        if (right is VariableExpr) r = Evaluate(right);
        return (l, r);
    }
}
