using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PhpSockets.Benchmarks;

// dotnet run -c Release --project bench/PhpSockets.Benchmarks -- --filter '*'
// Extra switches of this program (BenchmarkDotNet's own are passed through):
//   --quick      a short job (3 warm-up, 5 measured iterations) for a sanity run
//   --inprocess  run in this process instead of a generated one (faster, less isolated)
//   --loop Class.Method[:param] COUNT   one benchmark's body COUNT times, for callgrind (see Loop.cs)
if (args.Length == 3 && args[0] == "--loop")
{
    Native.RaiseDescriptorLimit(65536);
    return Loop.Run(args[1], long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
}

bool quick = args.Contains("--quick");
bool inProcess = args.Contains("--inprocess");
string[] rest = args.Where(a => a is not "--quick" and not "--inprocess").ToArray();

// socket_select over 10,000 sockets needs 10,000+ descriptors; raise the limit here, and the
// benchmark processes that BenchmarkDotNet starts inherit it.
Native.RaiseDescriptorLimit(65536);

Job job = quick
    ? Job.Default.WithWarmupCount(3).WithIterationCount(5).WithLaunchCount(1)
    : Job.Default.WithWarmupCount(5).WithIterationCount(15).WithLaunchCount(1);
if (inProcess) job = job.WithToolchain(InProcessEmitToolchain.Instance);

IConfig config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOptions(ConfigOptions.DisableLogFile);

BenchmarkSwitcher.FromAssembly(typeof(Native).Assembly).Run(rest, config);
return 0;
