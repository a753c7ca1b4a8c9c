using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Win32.SafeHandles;
using System.Reflection;

namespace PhpSockets.Conformance.Evaluation;

/// <summary>
/// The constants a scenario may name, case-sensitive as in PHP: every public constant of
/// <see cref="SocketFunctions"/> (the extension's 212) and PHP's Core ones. An unknown name throws
/// PHP's <c>Error: Undefined constant "NAME"</c> when evaluated.
/// </summary>
public static class Constants
{
    private static readonly Dictionary<string, object?> s_values = Build();

    // The CLI's STDIN, STDOUT and STDERR: stream resources over descriptors 0, 1 and 2, as .NET
    // FileStreams (PHP's "STDIO" streams), made on first use and the same object ever after.
    private static readonly Dictionary<string, Lazy<object?>> s_streams = new()
    {
        ["STDIN"] = new(() => StandardStream(0, FileAccess.Read)),
        ["STDOUT"] = new(() => StandardStream(1, FileAccess.Write)),
        ["STDERR"] = new(() => StandardStream(2, FileAccess.Write)),
    };

    public static bool TryGet(string name, out object? value)
    {
        if (s_streams.TryGetValue(name, out Lazy<object?>? stream))
        {
            value = stream.Value;
            return true;
        }
        return s_values.TryGetValue(name, out value);
    }

    private static FileStream StandardStream(int descriptor, FileAccess access) =>
        new(new SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0);

    private static Dictionary<string, object?> Build()
    {
        // PHP's Core constants (get_defined_constants(true)['Core'] on 8.2.36 CLI) that do not
        // depend on the build or the installation: conformance/runner.php resolves Core and sockets
        // constants only, so these are all a scenario can name besides the extension's.
        var values = new Dictionary<string, object?>
        {
            ["E_ERROR"] = 1L,
            ["E_WARNING"] = 2L,
            ["E_PARSE"] = 4L,
            ["E_NOTICE"] = 8L,
            ["E_CORE_ERROR"] = 16L,
            ["E_CORE_WARNING"] = 32L,
            ["E_COMPILE_ERROR"] = 64L,
            ["E_COMPILE_WARNING"] = 128L,
            ["E_USER_ERROR"] = 256L,
            ["E_USER_WARNING"] = 512L,
            ["E_USER_NOTICE"] = 1024L,
            ["E_STRICT"] = 2048L,
            ["E_RECOVERABLE_ERROR"] = 4096L,
            ["E_DEPRECATED"] = 8192L,
            ["E_USER_DEPRECATED"] = 16384L,
            ["E_ALL"] = 32767L,
            ["DEBUG_BACKTRACE_PROVIDE_OBJECT"] = 1L,
            ["DEBUG_BACKTRACE_IGNORE_ARGS"] = 2L,
            ["ZEND_THREAD_SAFE"] = false,
            ["ZEND_DEBUG_BUILD"] = false,
            ["PHP_MAJOR_VERSION"] = 8L,
            ["PHP_MINOR_VERSION"] = 2L,
            ["PHP_ZTS"] = 0L,
            ["PHP_DEBUG"] = 0L,
            ["PHP_OS"] = (PhpString)"Linux",
            ["PHP_OS_FAMILY"] = (PhpString)"Linux",
            ["PHP_SAPI"] = (PhpString)"cli",
            ["PHP_SHLIB_SUFFIX"] = (PhpString)"so",
            ["PHP_EOL"] = (PhpString)"\n",
            ["PHP_MAXPATHLEN"] = 4096L,
            ["PHP_INT_MAX"] = long.MaxValue,
            ["PHP_INT_MIN"] = long.MinValue,
            ["PHP_INT_SIZE"] = 8L,
            ["PHP_FD_SETSIZE"] = 1024L,
            ["PHP_FLOAT_DIG"] = 15L,
            ["PHP_FLOAT_EPSILON"] = 2.220446049250313E-16,
            ["PHP_FLOAT_MAX"] = double.MaxValue,
            ["PHP_FLOAT_MIN"] = 2.2250738585072014E-308,
        };
        foreach (FieldInfo field in typeof(SocketFunctions).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (!field.IsLiteral) continue;
            object? raw = field.GetRawConstantValue();
            values[field.Name] = raw switch
            {
                int i => (long)i,
                long l => l,
                string s => (PhpString)s,
                _ => raw,
            };
        }
        return values;
    }
}
