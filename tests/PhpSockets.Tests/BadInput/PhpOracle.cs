using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace PhpSockets.Tests.BadInput;

/// <summary>
/// Asks real PHP 8.2 (php -n -d extension=sockets) for the outcome of every row that it can run: one
/// generated script, one process, one line per row (<c>NAME TAB OUTCOME</c>), formatted as
/// <see cref="BadInputValues"/> formats PhpSockets' side.
/// </summary>
public static class PhpOracle
{
    /// <summary>True when php with the sockets extension can be run here (CI installs it: .ci/run).</summary>
    public static bool Available()
    {
        try
        {
            (int code, string output, _) = Php("<?php echo function_exists('socket_create') ? 'yes' : 'no';");
            return code == 0 && output == "yes";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>PHP's outcome line for each row it runs, by row name.</summary>
    public static Dictionary<string, string> Outcomes(IEnumerable<BadInputCase> rows)
    {
        var script = new StringBuilder(Prelude);
        foreach (BadInputCase row in rows)
        {
            if (!row.RunPhp) continue;
            string body = row.Php.Contains("return ", StringComparison.Ordinal) ? row.Php : $"return {row.Php};";
            script.Append($"run('{row.Name}', '{row.Setup}', function ($s, $p) {{ {body} }});\n");
        }
        (int code, string output, string errors) = Php(script.ToString());
        if (code != 0) throw new InvalidOperationException($"php exited {code}: {errors}\n{output}");
        var outcomes = new Dictionary<string, string>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            outcomes[line[..tab]] = line[(tab + 1)..];
        }
        return outcomes;
    }

    private static (int Code, string Output, string Errors) Php(string script)
    {
        string file = Path.Combine(Path.GetTempPath(), $"psbad-{Guid.NewGuid():N}.php");
        File.WriteAllText(file, script);
        try
        {
            var start = new ProcessStartInfo("php")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string a in new[] { "-n", "-d", "extension=sockets", "-d", "error_reporting=-1", "-d", "display_errors=stderr", file })
                start.ArgumentList.Add(a);
            using Process php = Process.Start(start)!;
            php.StandardInput.Close();
            var errors = php.StandardError.ReadToEndAsync();
            string output = php.StandardOutput.ReadToEnd();
            if (!php.WaitForExit(120_000))
            {
                php.Kill();
                throw new TimeoutException("php did not finish the bad-input script in 120 s");
            }
            return (php.ExitCode, output, errors.Result);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private const string Prelude = """
        <?php
        final class T { public function __construct(public array $items) {} }
        function t(...$v) { return new T($v); }
        function q($s) {
            $o = '"';
            for ($i = 0; $i < strlen($s); $i++) {
                $c = $s[$i]; $b = ord($c);
                if ($c === '"' || $c === '\\') $o .= '\\' . $c;
                elseif ($b >= 0x20 && $b <= 0x7e) $o .= $c;
                else $o .= sprintf('\\x%02x', $b);
            }
            return $o . '"';
        }
        function fmt($v) {
            if ($v === null) return 'NULL';
            if ($v === true) return 'true';
            if ($v === false) return 'false';
            if (is_int($v)) return (string)$v;
            if (is_float($v)) return 'float(' . $v . ')';
            if (is_string($v)) return q($v);
            if ($v instanceof T) return '(' . implode(', ', array_map('fmt', $v->items)) . ')';
            if ($v instanceof Socket) return 'Socket';
            if ($v instanceof AddressInfo) return 'AddressInfo';
            if (is_resource($v)) return 'resource';
            if (is_array($v)) return 'array(' . count($v) . ')';
            return 'object(' . get_class($v) . ')';
        }
        $tmp = '';
        function path($n) { global $tmp; return $tmp . '/' . str_repeat('a', $n - strlen($tmp) - 1); }
        function rrm($d) {
            foreach (scandir($d) as $f) {
                if ($f === '.' || $f === '..') continue;
                $x = "$d/$f";
                if (is_dir($x) && !is_link($x)) rrm($x); else unlink($x);
            }
            rmdir($d);
        }
        function setup($k) {
            switch ($k) {
                case 'InetUdp': return [socket_create(AF_INET, SOCK_DGRAM, 0), null];
                case 'Inet6Udp': return [socket_create(AF_INET6, SOCK_DGRAM, 0), null];
                case 'InetTcp': return [socket_create(AF_INET, SOCK_STREAM, SOL_TCP), null];
                case 'UnixDgram': return [socket_create(AF_UNIX, SOCK_DGRAM, 0), null];
                case 'UnixStream': return [socket_create(AF_UNIX, SOCK_STREAM, 0), null];
                case 'Closed': $c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); socket_close($c); return [$c, null];
                case 'Pair': case 'PairWithData':
                    socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pp);
                    if ($k === 'PairWithData') socket_write($pp[1], "abc\n");
                    return $pp;
                default: return [null, null];
            }
        }
        // h_errno is stale in PHP's lookups: every row starts from the value a '' lookup leaves (NO_RECOVERY).
        function herr() { $x = socket_create(AF_INET, SOCK_DGRAM, 0); @socket_bind($x, '', 0); socket_close($x); }
        function run($id, $setup, $fn) {
            global $tmp;
            $tmp = '/tmp/psbad-' . bin2hex(random_bytes(4));
            mkdir($tmp);
            [$s, $p] = setup($setup);
            $w = [];
            herr();
            set_error_handler(function ($no, $str) use (&$w) {
                if (!(error_reporting() & $no)) return true;
                $lv = [E_WARNING => 'Warning', E_NOTICE => 'Notice', E_DEPRECATED => 'Deprecated'][$no] ?? "E$no";
                $w[] = "$lv: $str";
                return true;
            });
            socket_clear_error();
            try { $h = '= ' . fmt($fn($s, $p)); }
            catch (Throwable $e) { $h = 'throw ' . get_class($e) . ': ' . $e->getMessage(); }
            restore_error_handler();
            foreach ($w as $x) $h .= " | ! $x";
            $h .= ' | last_error = ' . socket_last_error();
            echo $id, "\t", $h, "\n";
            foreach ([$s, $p] as $x) { if ($x instanceof Socket) { try { socket_close($x); } catch (Throwable $e) {} } }
            rrm($tmp);
        }

        """;
}
