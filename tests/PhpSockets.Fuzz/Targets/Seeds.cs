using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace PhpSockets.Fuzz;

/// <summary>
/// The hand-made starting inputs of each target (the scenario target starts from conformance
/// scenarios instead, copied by run-fuzz.sh): valid and broken shapes the fuzzer mutates from.
/// </summary>
public static class Seeds
{
    public static int WriteAll(string root)
    {
        int count = 0;
        foreach ((string target, List<byte[]> inputs) in new[] { ("address", Address()), ("cmsg", Control()), ("sendmsg", Message()) })
        {
            string folder = Path.Combine(root, target);
            Directory.CreateDirectory(folder);
            for (int i = 0; i < inputs.Count; i++) File.WriteAllBytes(Path.Combine(folder, $"seed-{i:D3}"), inputs[i]);
            count += inputs.Count;
        }
        return count;
    }

    public static List<byte[]> Address()
    {
        var seeds = new List<byte[]>();
        string[] inet = ["127.0.0.1", "0.0.0.0", "127.1", "1.2.3.4.5", "999", "", "::1", "256.1.1.1", "127.0.0.1\0junk", new string('1', 300)];
        string[] inet6 = ["::1", "::", "::ffff:127.0.0.1", "::1%lo", "::1%1", "::1%0", "::1%4294967296", "::1%nosuchif", "fe80::1%lo", "127.0.0.1", "1::2::3", "::1%"];
        byte[][] unix = [[], [0], Encoding.ASCII.GetBytes("\0abstract"), Encoding.ASCII.GetBytes("s.sock"), Encoding.ASCII.GetBytes("a\0b"),
            Encoding.ASCII.GetBytes(new string('p', 70)), Encoding.ASCII.GetBytes(new string('p', 82)), Encoding.ASCII.GetBytes(new string('p', 83)),
            Encoding.ASCII.GetBytes(new string('p', 84)), Encoding.ASCII.GetBytes(new string('p', 200)), Encoding.ASCII.GetBytes("d/e/f")];
        for (int operation = 0; operation < 4; operation++)
        {
            foreach (string a in inet) seeds.Add(Selector(0, operation, operation * 3 % 16, Encoding.ASCII.GetBytes(a)));
            foreach (string a in inet6) seeds.Add(Selector(1, operation, (operation * 5 + 2) % 16, Encoding.ASCII.GetBytes(a)));
            foreach (byte[] a in unix) seeds.Add(Selector(2, operation, operation, a));
        }
        foreach (string a in inet6) seeds.Add(Selector(3, 0, 0, Encoding.ASCII.GetBytes(a)));
        return seeds;
    }

    private static byte[] Selector(int family, int operation, int port, byte[] address)
    {
        var input = new byte[address.Length + 1];
        input[0] = (byte)(family | operation << 2 | port << 4);
        address.CopyTo(input, 1);
        return input;
    }

    public static List<byte[]> Control()
    {
        var seeds = new List<byte[]>();
        byte[] inet = new byte[16];
        MemoryMarshal.Write(inet, (ushort)2);
        inet[2] = 0x1f; inet[4] = 127; inet[7] = 1;
        byte[] inet6 = new byte[28];
        MemoryMarshal.Write(inet6, (ushort)10);
        inet6[23] = 1;
        byte[] unix = new byte[110];
        MemoryMarshal.Write(unix, (ushort)1);
        Encoding.ASCII.GetBytes("/tmp/x.sock").CopyTo(unix, 2);
        byte[] unixNoNul = new byte[110];
        MemoryMarshal.Write(unixNoNul, (ushort)1);
        unixNoNul.AsSpan(2).Fill((byte)'u');
        byte[] odd = new byte[16];
        MemoryMarshal.Write(odd, (ushort)17);

        byte[][] controls =
        [
            [],
            Cmsg(1, 1, Ints(0)),
            Cmsg(1, 1, Ints(0, 1, 0)),
            Cmsg(1, 2, Ints(1234, 1000, 1000)),
            Concat(Cmsg(41, 50, new byte[20]), Cmsg(41, 52, Ints(64)), Cmsg(41, 67, Ints(0))),
            Cmsg(0, 8, new byte[12]),
            Concat(Cmsg(1, 1, Ints(0, 1)), Cmsg(99, 99, Ints(5)), Cmsg(1, 1, Ints(1))),
            Cmsg(1, 2, new byte[4]),
            Cmsg(41, 50, new byte[8]),
            Truncated(Cmsg(1, 1, Ints(0, 0, 0)), 20),
            HugeLength(Cmsg(1, 1, Ints(0))),
        ];
        byte[][] names = [[], inet, inet6, unix, unixNoNul, odd];
        for (int c = 0; c < controls.Length; c++)
        {
            byte[] name = names[c % names.Length];
            var input = new List<byte> { (byte)(name.Length > 0 ? 1 : 0), (byte)name.Length, (byte)name.Length };
            input.AddRange(name);
            input.AddRange(controls[c]);
            seeds.Add(input.ToArray());
        }
        return seeds;
    }

    private static byte[] Ints(params int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) MemoryMarshal.Write(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    /// <summary>One control message laid out as the kernel does: a 16-byte header, the data, padding to 8.</summary>
    public static byte[] Cmsg(int level, int type, byte[] data)
    {
        int space = 16 + ((data.Length + 7) & ~7);
        var bytes = new byte[space];
        MemoryMarshal.Write(bytes, (ulong)(16 + data.Length));
        MemoryMarshal.Write(bytes.AsSpan(8), level);
        MemoryMarshal.Write(bytes.AsSpan(12), type);
        data.CopyTo(bytes, 16);
        return bytes;
    }

    private static byte[] Concat(params byte[][] parts)
    {
        var all = new List<byte>();
        foreach (byte[] p in parts) all.AddRange(p);
        return all.ToArray();
    }

    private static byte[] Truncated(byte[] bytes, int length) => bytes.AsSpan(0, length).ToArray();

    private static byte[] HugeLength(byte[] bytes)
    {
        MemoryMarshal.Write(bytes, 0x7FFF_FFFF_FFFF_FFF8UL);
        return bytes;
    }

    public static List<byte[]> Message()
    {
        // ShapeReader's language: an array is a kind byte 8..11 (only at the top the count comes first),
        // keys index ShapeReader.Keys, values are a kind byte and its content.
        int Key(string k) => Array.IndexOf(ShapeReader.Keys, k);
        int Int(long v) => Array.IndexOf(ShapeReader.Integers, v);
        int Str(string s) => Array.IndexOf(ShapeReader.Strings, s);
        byte[] B(params int[] values) => Array.ConvertAll(values, v => (byte)v);
        var seeds = new List<byte[]>
        {
            // mode 2 (send), no flags: ['iov' => ['abc']]
            B(2, 0, 1, Key("iov"), 8, 1, Key("0"), 6, Str("abc")),
            // mode 0: ['name' => ['addr' => '127.0.0.1', 'port' => 65536]]
            B(0, 0, 1, Key("name"), 8, 2, Key("addr"), 6, Str("127.0.0.1"), Key("port"), 2, Int(65536)),
            // mode 1: ['name' => ['family' => 10, 'addr' => '::1%lo', 'scope_id' => -1]]
            B(1, 0, 1, Key("name"), 8, 3, Key("family"), 2, Int(10), Key("addr"), 6, Str("::1%lo"), Key("scope_id"), 2, Int(-1)),
            // mode 2: ['control' => [['level' => 1, 'type' => 1, 'data' => [Socket, Socket]]]]
            B(2, 1, 1, Key("control"), 8, 1, Key("0"), 8, 3, Key("level"), 2, Int(1), Key("type"), 2, Int(1), Key("data"), 8, 2, Key("0"), 12, Key("x"), 12),
            // mode 2: SCM_CREDENTIALS without 'gid'
            B(2, 1, 1, Key("control"), 8, 1, Key("0"), 8, 3, Key("level"), 2, Int(1), Key("type"), 2, Int(2), Key("data"), 8, 2, Key("pid"), 2, Int(1), Key("uid"), 2, Int(0)),
            // mode 1: IPV6_PKTINFO with ifindex 'nosuchif'
            B(1, 0, 1, Key("control"), 8, 1, Key("0"), 8, 3, Key("level"), 2, Int(41), Key("type"), 2, Int(50), Key("data"), 8, 2, Key("addr"), 6, Str("::1"), Key("ifindex"), 6, Str("nosuchif")),
            // mode 3: ['controllen' => 24, 'buffer_size' => 0, 'name' => []]
            B(3, 1, 3, Key("controllen"), 2, Int(24), Key("buffer_size"), 2, Int(0), Key("name"), 8, 0),
            // mode 3: ['controllen' => 0]
            B(3, 1, 1, Key("controllen"), 2, Int(0)),
            // mode 0, wrapped: name, iov and control all present, garbage inside
            B(4, 0, 7, 8, 1, Key("family"), 2, Int(2), 6, Str("x"), 8, 1, Key("level"), 5, 3),
        };
        return seeds;
    }
}
