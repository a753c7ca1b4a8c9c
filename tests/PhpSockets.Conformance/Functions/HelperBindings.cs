using System;
using System.Threading;
using PhpSockets.Conformance.Values;
using PhpSockets.Testing;

namespace PhpSockets.Conformance.Functions;

/// <summary>The few PHP core functions FORMAT.md lets scenarios use, with PHP's errors, and the project's descriptor helpers.</summary>
public static class HelperBindings
{
    public static void Register(FunctionTable t)
    {
        t.Add("str_repeat(string $string, int $times): string", StrRepeat);
        t.Add("hex2bin(string $string): string|false", Hex2Bin);
        t.Add("bin2hex(string $string): string", a => (PhpString)Convert.ToHexStringLower(a.String(0).Span));
        t.Add("strlen(string $string): int", a => (long)a.String(0).Length);
        t.Add("count(Countable|array $value, int $mode = COUNT_NORMAL): int", Count);
        t.Add("usleep(int $microseconds): void", Usleep);
        t.Add("exhaust_descriptors(): void", ExhaustDescriptors);
        t.Add("release_descriptors(): void", ReleaseDescriptors);
    }

    private static object? StrRepeat(CallArguments a)
    {
        PhpString text = a.String(0);
        long times = a.Int(1);
        if (times < 0) throw a.ValueError(1, "must be greater than or equal to 0");
        var result = new byte[checked(text.Length * (int)times)];
        for (int i = 0; i < times; i++) text.Span.CopyTo(result.AsSpan(i * text.Length));
        return new PhpString(result);
    }

    private static object? Hex2Bin(CallArguments a)
    {
        ReadOnlySpan<byte> hex = a.String(0).Span;
        if (hex.Length % 2 != 0)
        {
            a.Diagnostics.Warning("hex2bin(): Hexadecimal input string must have an even length");
            return false;
        }
        var bytes = new byte[hex.Length / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            int high = HexValue(hex[2 * i]), low = HexValue(hex[2 * i + 1]);
            if (high < 0 || low < 0)
            {
                a.Diagnostics.Warning("hex2bin(): Input string must be hexadecimal string");
                return false;
            }
            bytes[i] = (byte)(high << 4 | low);
        }
        return new PhpString(bytes);
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static object? Count(CallArguments a)
    {
        if (a.Value(0) is not PhpArray array) throw a.TypeMismatch(0);
        long mode = a.Int(1, 0);
        if (mode is not (0 or 1)) throw a.ValueError(1, "must be either COUNT_NORMAL or COUNT_RECURSIVE");
        return mode == 1 ? CountRecursive(array) : (long)array.Count;
    }

    private static long CountRecursive(PhpArray array)
    {
        long count = array.Count;
        foreach (object? value in array.Values)
        {
            if (value is PhpArray inner) count += CountRecursive(inner);
        }
        return count;
    }

    private static object? Usleep(CallArguments a)
    {
        long microseconds = a.Int(0);
        if (microseconds < 0) throw a.ValueError(0, "must be greater than or equal to 0");
        Thread.Sleep(TimeSpan.FromMicroseconds(microseconds));
        return null;
    }

    private static object? ExhaustDescriptors(CallArguments a)
    {
        DescriptorExhaustion.Exhaust();
        return null;
    }

    private static object? ReleaseDescriptors(CallArguments a)
    {
        DescriptorExhaustion.Release();
        return null;
    }
}
