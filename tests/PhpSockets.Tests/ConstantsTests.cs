using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace PhpSockets.Tests;

/// <summary>
/// SocketFunctions defines exactly PHP 8.2's 212 ext/sockets constants with Linux's values. The
/// expected list (Data/php82-constants.txt) was dumped from PHP 8.2 with
/// <c>ReflectionExtension("sockets")->getConstants()</c>.
/// </summary>
public class ConstantsTests
{
    private static Dictionary<string, long> Expected()
    {
        string file = Path.Combine(AppContext.BaseDirectory, "Data", "php82-constants.txt");
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(file))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int eq = line.IndexOf('=');
            expected.Add(line[..eq], long.Parse(line[(eq + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
        return expected;
    }

    private static Dictionary<string, long> Actual() =>
        typeof(SocketFunctions)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    [Fact]
    public void The_data_file_holds_PHPs_212_constants()
    {
        Assert.Equal(212, Expected().Count);
    }

    [Fact]
    public void Every_PHP_constant_exists_with_its_value()
    {
        Dictionary<string, long> actual = Actual();
        var missing = new List<string>();
        var wrong = new List<string>();
        foreach ((string name, long value) in Expected())
        {
            if (!actual.TryGetValue(name, out long got)) missing.Add(name);
            else if (got != value) wrong.Add($"{name}: expected {value}, got {got}");
        }
        Assert.Empty(missing);
        Assert.Empty(wrong);
    }

    [Fact]
    public void No_constant_beyond_PHP_82s_set()
    {
        Dictionary<string, long> expected = Expected();
        string[] extra = Actual().Keys.Where(name => !expected.ContainsKey(name)).Order(StringComparer.Ordinal).ToArray();
        Assert.Empty(extra);
    }

    [Fact]
    public void Constants_are_ints_and_the_only_public_fields()
    {
        FieldInfo[] fields = typeof(SocketFunctions).GetFields(BindingFlags.Public | BindingFlags.Static);
        Assert.All(fields, f =>
        {
            Assert.True(f.IsLiteral, f.Name);
            Assert.Equal(typeof(int), f.FieldType);
        });
        Assert.Equal(212, fields.Length);
    }

    [Theory]
    [InlineData("SOCKET_EWOULDBLOCK", 11)]
    [InlineData("SOMAXCONN", 4096)]
    [InlineData("SKF_AD_OFF", -4096)]
    [InlineData("MSG_EOF", 512)]
    [InlineData("PHP_NORMAL_READ", 1)]
    [InlineData("PHP_BINARY_READ", 2)]
    public void Spot_checks(string name, int value)
    {
        Assert.Equal(value, Actual()[name]);
    }

    [Theory]
    [InlineData("SOCK_NONBLOCK")]
    [InlineData("SOCK_CLOEXEC")]
    [InlineData("IPPROTO_TCP")]
    [InlineData("SO_PEERCRED")]
    [InlineData("TCP_QUICKACK")]
    [InlineData("AF_PACKET")]
    [InlineData("SOCKET_ESTALE")]
    [InlineData("SOCKET_EDEADLK")]
    public void Constants_of_later_PHP_versions_or_other_platforms_are_absent(string name)
    {
        Assert.False(Actual().ContainsKey(name));
    }
}
