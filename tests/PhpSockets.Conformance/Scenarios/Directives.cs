using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PhpSockets.Conformance.Scenarios;

/// <summary>
/// The <c>#! key: value</c> lines: <c>title</c> once, <c>mask</c> and <c>requires</c> accumulating.
/// The masks always start with <c>$tmp</c>, which is masked whether listed or not.
/// </summary>
public sealed partial class Directives
{
    /// <summary>What <c>#! requires:</c> may name.</summary>
    public static readonly IReadOnlyList<string> KnownRequirements = ["ipv6", "unix", "root"];

    private readonly List<string> _masks = ["tmp"];
    private readonly List<string> _requires = [];

    public string? Title { get; private set; }

    /// <summary>Masked variable names without "$", <c>tmp</c> first, in the order listed.</summary>
    public IReadOnlyList<string> Masks => _masks;

    public IReadOnlyList<string> Requires => _requires;

    /// <summary>Reads the text after <c>#!</c>.</summary>
    public void Add(string text, int line)
    {
        Match m = DirectiveSyntax().Match(text);
        if (!m.Success) throw new MalformedScenarioException(line, "a directive is '#! key: value'");
        string value = m.Groups["value"].Value.Trim();
        switch (m.Groups["key"].Value)
        {
            case "title":
                if (Title is not null) throw new MalformedScenarioException(line, "'title' is given twice");
                Title = value;
                break;
            case "mask":
                foreach (string item in SplitList(value, line))
                {
                    Match v = VariableSyntax().Match(item);
                    if (!v.Success) throw new MalformedScenarioException(line, $"'mask' lists $variables, not '{item}'");
                    if (!_masks.Contains(v.Groups[1].Value)) _masks.Add(v.Groups[1].Value);
                }
                break;
            case "requires":
                foreach (string item in SplitList(value, line))
                {
                    if (!KnownRequirements.Contains(item))
                        throw new MalformedScenarioException(line, $"unknown requirement '{item}' (ipv6, unix, root)");
                    if (!_requires.Contains(item)) _requires.Add(item);
                }
                break;
            default:
                throw new MalformedScenarioException(line, $"unknown directive '{m.Groups["key"].Value}' (title, mask, requires)");
        }
    }

    private static IEnumerable<string> SplitList(string value, int line)
    {
        foreach (string part in value.Split(','))
        {
            string item = part.Trim();
            if (item.Length == 0) throw new MalformedScenarioException(line, "an empty item in a directive's list");
            yield return item;
        }
    }

    [GeneratedRegex(@"^\s*(?<key>[^:\s]*)\s*:(?<value>.*)$")]
    private static partial Regex DirectiveSyntax();

    [GeneratedRegex(@"^\$([A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex VariableSyntax();
}
