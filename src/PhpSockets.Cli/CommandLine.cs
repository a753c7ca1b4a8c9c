using System;
using System.Collections.Generic;
using System.Globalization;

namespace PhpSockets.Cli;

/// <summary>A bad command line: the message goes to standard error with the usage, and the exit code is 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The arguments of one command: <c>--name value</c> or <c>--name=value</c> options, <c>--flag</c>
/// switches, and positional arguments (everything after <c>--</c> is positional). Anything not
/// declared is refused with a <see cref="UsageException"/>.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CommandLine()
    {
    }

    /// <summary>The arguments that are not options, in order.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>Whether <c>--help</c> or <c>-h</c> was given.</summary>
    public bool HelpRequested { get; private set; }

    public static CommandLine Parse(ReadOnlySpan<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        var line = new CommandLine();
        bool onlyPositionals = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (onlyPositionals || arg == "-" || !arg.StartsWith('-'))
            {
                line.Positionals.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                onlyPositionals = true;
                continue;
            }
            if (arg is "-h" or "--help")
            {
                line.HelpRequested = true;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"unknown option '{arg}'");
            string name = arg[2..];
            string? value = null;
            int equals = name.IndexOf('=');
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            if (Contains(flagOptions, name))
            {
                if (value is not null) throw new UsageException($"option '--{name}' takes no value");
                line._flags.Add(name);
            }
            else if (Contains(valueOptions, name))
            {
                if (value is null)
                {
                    if (i + 1 >= args.Length) throw new UsageException($"option '--{name}' needs a value");
                    value = args[++i];
                }
                line._values[name] = value;
            }
            else
            {
                throw new UsageException($"unknown option '--{name}'");
            }
        }
        return line;
    }

    private static bool Contains(IReadOnlyCollection<string> names, string name)
    {
        foreach (string n in names)
        {
            if (n == name) return true;
        }
        return false;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string Get(string option, string defaultValue) => _values.TryGetValue(option, out string? value) ? value : defaultValue;

    /// <summary>A TCP port, 0 to 65535 (0: let the kernel choose, where that makes sense).</summary>
    public int GetPort(string option, int defaultValue)
    {
        if (!_values.TryGetValue(option, out string? text)) return defaultValue;
        return ParsePort(text, $"--{option}");
    }

    /// <summary>A whole number, 1 or more (a count of clients, say).</summary>
    public int GetCount(string option, int defaultValue)
    {
        if (!_values.TryGetValue(option, out string? text)) return defaultValue;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
            throw new UsageException($"--{option} must be a whole number, 1 or more (got '{text}')");
        return count;
    }

    /// <summary>A whole number of seconds, 1 or more.</summary>
    public int GetSeconds(string option, int defaultValue)
    {
        if (!_values.TryGetValue(option, out string? text)) return defaultValue;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) || seconds < 1)
            throw new UsageException($"--{option} must be a whole number of seconds, 1 or more (got '{text}')");
        return seconds;
    }

    public static int ParsePort(string text, string what)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
            throw new UsageException($"{what} must be a port number from 0 to 65535 (got '{text}')");
        return port;
    }
}
