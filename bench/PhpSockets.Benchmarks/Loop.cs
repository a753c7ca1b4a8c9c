using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace PhpSockets.Benchmarks;

/// <summary>
/// <c>--loop Class.Method[:param] COUNT</c>: one benchmark's body run COUNT times after its set-up,
/// without BenchmarkDotNet, for instruction counts that wall time on a busy machine cannot give:
/// run it under <c>valgrind --tool=callgrind</c> with two counts and divide the difference in
/// instructions by the difference in counts (user-space instructions per call; the kernel's are not
/// counted). Run with DOTNET_TieredCompilation=0 so the code is the same optimized code throughout.
/// Example: <c>--loop Select.PhpList:100 20000</c>.
/// </summary>
internal static class Loop
{
    public static int Run(string spec, long count)
    {
        string[] parts = spec.Split(':', 2);
        string[] name = parts[0].Split('.', 2);
        if (name.Length != 2) return Fail(spec);
        Type? type = typeof(Loop).Assembly.GetType($"PhpSockets.Benchmarks.{name[0]}Benchmarks");
        MethodInfo? method = type?.GetMethod(name[1]);
        if (type is null || method is null || method.GetCustomAttribute<BenchmarkAttribute>() is null) return Fail(spec);
        object instance = Activator.CreateInstance(type)!;
        PropertyInfo? param = type.GetProperties().FirstOrDefault(p => p.GetCustomAttribute<ParamsAttribute>() is not null);
        if (param is not null)
        {
            if (parts.Length < 2) return Fail(spec);
            param.SetValue(instance, param.PropertyType.IsEnum ? Enum.Parse(param.PropertyType, parts[1]) : Convert.ChangeType(parts[1], param.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        }
        type.GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null).Invoke(instance, null);
        var body = method.CreateDelegate<Func<int>>(instance);
        long started = Stopwatch.GetTimestamp();
        int last = 0;
        for (long i = 0; i < count; i++) last = body();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        type.GetMethods().Single(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is not null).Invoke(instance, null);
        Console.WriteLine($"{spec}: {count} calls, last result {last}, {elapsed.TotalNanoseconds / Math.Max(count, 1):F1} ns per call (wall)");
        return 0;
    }

    private static int Fail(string spec)
    {
        Console.Error.WriteLine($"--loop {spec}: expected Class.Method[:param], e.g. Select.PhpList:100 or PingPong.PhpSpan:Tcp");
        return 1;
    }
}
