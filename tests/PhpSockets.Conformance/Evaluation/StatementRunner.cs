using System;
using System.Collections.Generic;
using PhpSockets.Conformance.Scenarios;

namespace PhpSockets.Conformance.Evaluation;

/// <summary>
/// Runs statements one by one on the calling thread (PhpSockets' global last error and warning
/// capture are per thread). A statement's exception is caught and becomes part of its outcome; the
/// next statement runs regardless.
/// </summary>
public sealed class StatementRunner
{
    private readonly Variables _variables;

    public StatementRunner(Variables variables) => _variables = variables;

    public StatementOutcome Run(Statement statement)
    {
        var diagnostics = new Diagnostics();
        var evaluator = new Evaluator(_variables, diagnostics);
        object? value = null;
        bool threw = false;
        string? throwClass = null, throwMessage = null;
        List<ByReferenceValue>? byReference = null;
        using (PhpWarnings.Capture(diagnostics.Items))
        {
            try
            {
                value = evaluator.Evaluate(statement.Value);
                // Taken before the assignment: for "$x = CALL($x)" the transcript shows $x as the call left it.
                byReference = ByReferenceValues(statement, evaluator.ArgumentsReached);
                if (statement.Target is not null) _variables.Set(statement.Target, value);
            }
            catch (PhpError e)
            {
                (threw, throwClass, throwMessage) = (true, e.PhpClass, e.Message);
            }
            catch (Exception e)
            {
                // Not something PHP would do: shown as such, so the transcript comparison points at it.
                (threw, throwClass, throwMessage) = (true, "!" + e.GetType().FullName, e.Message);
            }
        }
        byReference ??= ByReferenceValues(statement, evaluator.ArgumentsReached);
        return new StatementOutcome(statement, threw, value, diagnostics.Items, throwClass, throwMessage,
            byReference, SocketFunctions.socket_last_error());
    }

    /// <summary>
    /// The variables passed by reference by the statement's call, in parameter order, with their
    /// current values; one the call never reached (an earlier argument threw) prints NULL.
    /// </summary>
    private List<ByReferenceValue> ByReferenceValues(Statement statement, int reached)
    {
        var values = new List<ByReferenceValue>();
        if (statement.Value is not CallExpr call) return values;
        for (int i = 0; i < call.Arguments.Count; i++)
        {
            if (!call.Function.Signature.IsByReference(i)) continue;
            string name = ((VariableExpr)call.Arguments[i]).Name;
            values.Add(new ByReferenceValue(name, i < reached ? _variables.Peek(name) : null));
        }
        return values;
    }
}
