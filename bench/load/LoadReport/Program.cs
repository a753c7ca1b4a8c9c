using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

// load-report RAW.CSV OUTDIR
// Reads bench/run-load's raw results (one line per round, scenario and server), writes OUTDIR/summary.md
// (medians of the rounds, ratios to C paired round by round, the issue's targets) and OUTDIR/chart.svg.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: load-report RAW.CSV OUTDIR");
    return 1;
}
var rows = Csv.Read(args[0]);
if (rows.Count == 0)
{
    Console.Error.WriteLine("load-report: no rows");
    return 1;
}
Directory.CreateDirectory(args[1]);
var report = new Report(rows);
File.WriteAllText(Path.Combine(args[1], "summary.md"), report.Markdown());
File.WriteAllText(Path.Combine(args[1], "chart.svg"), report.Svg());
Console.Write(report.Markdown());
return 0;

/// <summary>One loadgen result: a server under one scenario in one round.</summary>
internal sealed record Row(int Round, string Scenario, string Server, string Mode, int Conns, int Size,
    double OpsPerSecond, double MegabytesPerSecond, double P50, double P99, double CpuPerOp, double ServerUtil, double GenUtil, long Errors)
{
    /// <summary>The scenario's throughput: MB/s for bulk, operations per second otherwise.</summary>
    public double Throughput => Mode == "bulk" ? MegabytesPerSecond : OpsPerSecond;
}

internal static class Csv
{
    public static List<Row> Read(string path)
    {
        var rows = new List<Row>();
        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"no column {name}");
        foreach (string line in lines.Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] f = line.Split(',');
            if (f.Length != header.Length) continue; // a failed run leaves a short line
            double D(string name) => double.Parse(f[Col(name)], CultureInfo.InvariantCulture);
            rows.Add(new Row(int.Parse(f[Col("round")], CultureInfo.InvariantCulture), f[Col("scenario")], f[Col("server")], f[Col("mode")],
                (int)D("conns"), (int)D("size"), D("ops_per_s"), D("mb_per_s"), D("p50_us"), D("p99_us"), D("server_us_per_op"),
                D("server_util"), D("gen_util"), (long)D("errors")));
        }
        return rows;
    }
}

internal sealed class Report(List<Row> rows)
{
    private static readonly string[] s_serverOrder = ["c", "phpsockets", "phpsockets-aot", "phpsockets-poll", "phpsock-cli", "phpsock-cli-notiering", "phpsock-cli-nopgo",
        "phpsock-cli-loopsoptimized", "phpsock-aot", "netsockets", "php", "c-line", "phpsockets-line", "phpsockets-line-aot", "netsockets-line", "php-line"];

    /// <summary>The line-mode server that stands for each raw server in the tables' columns (the name is not always raw + "-line").</summary>
    private static readonly Dictionary<string, string> s_lineCounterpart = new()
    {
        ["c"] = "c-line", ["phpsockets"] = "phpsockets-line", ["phpsockets-aot"] = "phpsockets-line-aot",
        ["netsockets"] = "netsockets-line", ["php"] = "php-line",
    };

    private static readonly Dictionary<string, string> s_serverNames = new()
    {
        ["c"] = "C, poll()",
        ["phpsockets"] = "PhpSockets socket_select",
        ["phpsockets-aot"] = "PhpSockets socket_select (native AOT)",
        ["phpsockets-poll"] = "PhpSockets socket_select, ppoll only",
        ["phpsock-cli"] = "phpsock echo-server --raw (JIT)",
        ["phpsock-aot"] = "phpsock echo-server --raw (native AOT, as shipped)",
        ["phpsock-cli-notiering"] = "phpsock --raw (JIT), TieredCompilation=0",
        ["phpsock-cli-nopgo"] = "phpsock --raw (JIT), TieredPGO=0",
        ["phpsock-cli-loopsoptimized"] = "phpsock --raw (JIT), TC_QuickJitForLoops=0",
        ["netsockets"] = "System.Net.Sockets Socket.Select",
        ["php"] = "PHP 8.2 socket_select",
        ["c-line"] = "C, poll(), peek to line end",
        ["phpsockets-line"] = "PhpSockets PHP_NORMAL_READ",
        ["phpsockets-line-aot"] = "PhpSockets PHP_NORMAL_READ (native AOT)",
        ["netsockets-line"] = "System.Net.Sockets, peek to line end",
        ["php-line"] = "PHP 8.2 PHP_NORMAL_READ",
    };

    private static readonly Dictionary<string, string> s_colors = new()
    {
        ["c"] = "#555555", ["c-line"] = "#555555",
        ["phpsockets"] = "#1f77b4", ["phpsockets-line"] = "#1f77b4",
        ["phpsockets-aot"] = "#08306b", ["phpsockets-line-aot"] = "#08306b",
        ["phpsock-cli"] = "#9ecae1",
        ["phpsock-aot"] = "#ff7f0e",
        ["phpsockets-poll"] = "#aec7e8",
        ["netsockets"] = "#2ca02c", ["netsockets-line"] = "#2ca02c",
        ["php"] = "#d62728", ["php-line"] = "#d62728",
    };

    private List<string> Scenarios => rows.Select(r => r.Scenario).Distinct().ToList();

    private List<string> ServersOf(string scenario) =>
        rows.Where(r => r.Scenario == scenario).Select(r => r.Server).Distinct()
            .OrderBy(s => Array.IndexOf(s_serverOrder, s) is var i and >= 0 ? i : 99).ToList();

    private IEnumerable<Row> Of(string scenario, string server) => rows.Where(r => r.Scenario == scenario && r.Server == server);

    private static string Baseline(string server) => server.Contains("-line", StringComparison.Ordinal) ? "c-line" : "c";

    private static string Display(string server) => s_serverNames.TryGetValue(server, out string? name) ? name : server;

    public static double Median(IEnumerable<double> values)
    {
        double[] v = values.Where(x => !double.IsNaN(x)).OrderBy(x => x).ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    /// <summary>The median over rounds of <paramref name="server"/>'s value divided by <paramref name="baseline"/>'s in the same round.</summary>
    private double PairedRatio(string scenario, string server, string baseline, Func<Row, double> value)
    {
        var byRound = Of(scenario, baseline).ToDictionary(r => r.Round, value);
        return Median(Of(scenario, server).Where(r => byRound.ContainsKey(r.Round) && byRound[r.Round] > 0)
            .Select(r => value(r) / byRound[r.Round]));
    }

    private static string F(double x, int digits = 2) => double.IsNaN(x) ? "–" : x.ToString("N" + digits, CultureInfo.InvariantCulture);

    private static string Thr(Row r, double value) => r.Mode == "bulk" ? F(value, 0) + " MB/s" : F(value, 0);

    public string Markdown()
    {
        var sb = new StringBuilder();
        int rounds = rows.Select(r => r.Round).Distinct().Count();
        sb.AppendLine($"Medians of {rounds} interleaved round(s). \"× C\" is the median over rounds of the ratio to C measured in the same round.");
        sb.AppendLine("Throughput is round trips/s (churn: connections/s; bulk: MB/s echoed). CPU is the server's CPU time per operation");
        sb.AppendLine("(bulk: per 64 KiB echoed), from /proc/PID/task/*/schedstat; util is CPU time / wall time of the measured window.");
        sb.AppendLine();
        sb.AppendLine("At a glance: throughput × C / server CPU per operation × C (line scenarios: × the C line server).");
        sb.AppendLine();
        string[] columns = ["c", "phpsockets", "phpsockets-aot", "phpsock-cli", "phpsock-aot", "netsockets", "php"];
        sb.AppendLine("| scenario | C | PhpSockets (JIT) | PhpSockets (AOT) | phpsock (JIT) | phpsock (AOT) | System.Net.Sockets | PHP 8.2 | C's throughput |");
        sb.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (string scenario in Scenarios)
        {
            bool line = scenario.StartsWith("line", StringComparison.Ordinal);
            var cells = columns.Select(c =>
            {
                string server = line ? s_lineCounterpart.GetValueOrDefault(c, "") : c;
                if (!Of(scenario, server).Any()) return "–";
                return $"{F(PairedRatio(scenario, server, Baseline(server), r => r.Throughput))} / {F(PairedRatio(scenario, server, Baseline(server), r => r.CpuPerOp))}";
            });
            var cRows = Of(scenario, line ? "c-line" : "c").ToList();
            string cThr = cRows.Count == 0 ? "–" : Thr(cRows[0], Median(cRows.Select(r => r.Throughput))) + (cRows[0].Mode == "bulk" ? "" : "/s");
            sb.AppendLine($"| {scenario} | {string.Join(" | ", cells)} | {cThr} |");
        }
        sb.AppendLine();
        sb.AppendLine("| scenario | server | throughput | × C | server CPU µs/op | × C | p50 µs | p99 µs | server util | gen util |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (string scenario in Scenarios)
        {
            foreach (string server in ServersOf(scenario))
            {
                var mine = Of(scenario, server).ToList();
                Row first = mine[0];
                string baseline = Baseline(server);
                double thr = Median(mine.Select(r => r.Throughput));
                double cpu = Median(mine.Select(r => r.CpuPerOp));
                double thrRatio = PairedRatio(scenario, server, baseline, r => r.Throughput);
                double cpuRatio = PairedRatio(scenario, server, baseline, r => r.CpuPerOp);
                string p50 = first.Mode == "bulk" ? "–" : F(Median(mine.Select(r => r.P50)), 1);
                string p99 = first.Mode == "bulk" ? "–" : F(Median(mine.Select(r => r.P99)), 1);
                sb.AppendLine($"| {scenario} | {Display(server)} | {Thr(first, thr)} | {F(thrRatio)} | {F(cpu)} | {F(cpuRatio)} | {p50} | {p99} | {F(Median(mine.Select(r => r.ServerUtil)))} | {F(Median(mine.Select(r => r.GenUtil)))} |");
            }
        }
        sb.AppendLine();
        sb.AppendLine("Targets (issue 9, \"phpsock as a native AOT tool, ahead of PHP 8.2 on every echo scenario\"):");
        sb.AppendLine();
        sb.AppendLine("| target | server | measured | met |");
        sb.AppendLine("|---|---|---|---|");
        string[] candidates = ["phpsock-aot", "phpsockets", "phpsockets-aot"];
        foreach (string scenario in Scenarios.Where(s => s is "raw-50x64" or "raw-50x4k" or "raw-1x64"))
        {
            foreach (string server in candidates.Where(c => Of(scenario, c).Any()))
            {
                double cpu = PairedRatio(scenario, server, "c", r => r.CpuPerOp);
                double cpuPhp = PairedRatio(scenario, server, "php", r => r.CpuPerOp);
                double thrPhp = PairedRatio(scenario, server, "php", r => r.Throughput);
                sb.AppendLine($"| {scenario}: server CPU per round trip below PHP 8.2's | {server} | {F(cpuPhp)}× PHP | {Verdict(cpuPhp < 1)} |");
                sb.AppendLine($"| {scenario}: server CPU per round trip ≤ 1.02× C | {server} | {F(cpu)}× C | {Verdict(cpu <= 1.02)} |");
                sb.AppendLine($"| {scenario}: throughput ≥ PHP 8.2's | {server} | {F(thrPhp)}× PHP | {Verdict(thrPhp >= 1)} |");
            }
        }
        foreach (string scenario in Scenarios.Where(s => s.StartsWith("bulk", StringComparison.Ordinal)))
        {
            foreach (string server in candidates.Where(c => Of(scenario, c).Any()))
            {
                double thr = PairedRatio(scenario, server, "c", r => r.Throughput);
                double thrPhp = PairedRatio(scenario, server, "php", r => r.Throughput);
                sb.AppendLine($"| {scenario}: MB/s ≥ 0.98× C | {server} | {F(thr)}× C | {Verdict(thr >= 0.98)} |");
                sb.AppendLine($"| {scenario}: MB/s ≥ PHP 8.2's | {server} | {F(thrPhp)}× PHP | {Verdict(thrPhp >= 1)} |");
            }
        }
        foreach (string scenario in Scenarios.Where(s => s.StartsWith("line", StringComparison.Ordinal)))
        {
            foreach (string server in candidates.Select(c => s_lineCounterpart.GetValueOrDefault(c, "")).Where(c => Of(scenario, c).Any()))
            {
                double x = PairedRatio(scenario, server, "c-line", r => r.Throughput);
                sb.AppendLine($"| {scenario}: round trips/s ≥ 0.98× the C line server | {server} | {F(x)}× | {Verdict(x >= 0.98)} |");
            }
        }
        return sb.ToString();
    }

    private static string Verdict(bool met) => met ? "yes" : "**no**";

    // ---- chart ----

    private const double Clip = 2.5;

    public string Svg()
    {
        var groups = Scenarios.Select(s => (Scenario: s, Servers: ServersOf(s))).ToList();
        const int barHeight = 11, groupGap = 12, labelWidth = 120, panelWidth = 330, panelGap = 40, top = 70, legendHeight = 76;
        int plotHeight = groups.Sum(g => g.Servers.Count * barHeight + groupGap);
        int width = labelWidth + 2 * panelWidth + panelGap + 30;
        int height = top + plotHeight + legendHeight;
        var sb = new StringBuilder();
        sb.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"10\">");
        sb.AppendLine($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>");
        sb.AppendLine($"<text x=\"{width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">Echo servers over loopback, relative to C with poll() (medians of {rows.Select(r => r.Round).Distinct().Count()} interleaved rounds)</text>");
        string[] titles = ["Throughput × C (higher is better)", "Server CPU per operation × C (lower is better)"];
        Func<Row, double>[] values = [r => r.Throughput, r => r.CpuPerOp];
        for (int p = 0; p < 2; p++)
        {
            int x0 = labelWidth + p * (panelWidth + panelGap);
            sb.AppendLine($"<text x=\"{x0 + panelWidth / 2}\" y=\"42\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\">{titles[p]}</text>");
            for (double tick = 0; tick <= Clip + 1e-9; tick += 0.5)
            {
                double x = x0 + tick / Clip * panelWidth;
                sb.AppendLine($"<line x1=\"{x:F1}\" y1=\"{top - 6}\" x2=\"{x:F1}\" y2=\"{top + plotHeight}\" stroke=\"{(Math.Abs(tick - 1) < 1e-9 ? "#000" : "#ddd")}\" stroke-width=\"{(Math.Abs(tick - 1) < 1e-9 ? 1.2 : 0.6)}\"/>");
                sb.AppendLine($"<text x=\"{x:F1}\" y=\"{top - 9}\" text-anchor=\"middle\" fill=\"#444\">{tick.ToString("0.0", CultureInfo.InvariantCulture)}×</text>");
            }
            int y = top;
            foreach (var (scenario, servers) in groups)
            {
                if (p == 0)
                {
                    int mid = y + servers.Count * barHeight / 2 + 4;
                    sb.AppendLine($"<text x=\"{labelWidth - 8}\" y=\"{mid - 5}\" text-anchor=\"end\" font-weight=\"bold\">{scenario}</text>");
                    var cRows = Of(scenario, scenario.StartsWith("line", StringComparison.Ordinal) ? "c-line" : "c").ToList();
                    if (cRows.Count > 0)
                    {
                        double cThr = Median(cRows.Select(r => r.Throughput));
                        string absolute = cRows[0].Mode == "bulk" ? $"C: {F(cThr, 0)} MB/s" : $"C: {F(cThr / 1000, 1)}k/s";
                        sb.AppendLine($"<text x=\"{labelWidth - 8}\" y=\"{mid + 7}\" text-anchor=\"end\" fill=\"#666\" font-size=\"9\">{absolute}</text>");
                    }
                }
                foreach (string server in servers)
                {
                    double ratio = PairedRatio(scenario, server, Baseline(server), values[p]);
                    if (!double.IsNaN(ratio))
                    {
                        double shown = Math.Min(ratio, Clip);
                        double w = shown / Clip * panelWidth;
                        string color = s_colors.TryGetValue(server, out string? c) ? c : "#999";
                        sb.AppendLine($"<rect x=\"{x0}\" y=\"{y + 1}\" width=\"{w:F1}\" height=\"{barHeight - 2}\" fill=\"{color}\"><title>{Display(server)}: {F(ratio)}×</title></rect>");
                        string label = F(ratio) + (ratio > Clip ? " ▶" : "");
                        double tx = ratio > Clip * 0.8 ? x0 + w - 3 : x0 + w + 3;
                        string anchor = ratio > Clip * 0.8 ? "end" : "start";
                        string fill = ratio > Clip * 0.8 ? "white" : "#222";
                        sb.AppendLine($"<text x=\"{tx:F1}\" y=\"{y + barHeight - 2}\" text-anchor=\"{anchor}\" fill=\"{fill}\" font-size=\"9\">{label}</text>");
                    }
                    y += barHeight;
                }
                y += groupGap;
            }
        }
        // legend
        string[] legend = ["c", "phpsockets", "phpsockets-aot", "phpsock-cli", "phpsock-aot", "netsockets", "php"];
        string[] legendText = ["C with poll() (line: peek to line end)", "PhpSockets socket_select (line: PHP_NORMAL_READ)",
            "the same, native AOT", "phpsock echo-server --raw (JIT)",
            "phpsock echo-server --raw (native AOT)", "System.Net.Sockets Socket.Select", "PHP 8.2 ext/sockets (line: PHP_NORMAL_READ)"];
        int ly = top + plotHeight + 14;
        for (int i = 0; i < legend.Length; i++)
        {
            int lx = 20 + (i % 3) * 300;
            int row = ly + (i / 3) * 16;
            sb.AppendLine($"<rect x=\"{lx}\" y=\"{row - 9}\" width=\"12\" height=\"10\" fill=\"{s_colors[legend[i]]}\"/>");
            sb.AppendLine($"<text x=\"{lx + 17}\" y=\"{row}\">{legendText[i]}</text>");
        }
        sb.AppendLine($"<text x=\"20\" y=\"{ly + (legend.Length + 2) / 3 * 16 + 4}\" fill=\"#666\" font-size=\"9\">Bars past {Clip.ToString("0.0", CultureInfo.InvariantCulture)}× are cut (▶) and labelled with their value. Line scenarios are relative to the C line server.</text>");
        sb.AppendLine("</svg>");
        return sb.ToString();
    }
}
