using System;
using System.Net;

namespace PhpSockets;

/// <summary>
/// PHP's final <c>AddressInfo</c> class: a copy of one <c>struct addrinfo</c> that
/// <c>socket_addrinfo_lookup</c> returned, for <c>socket_addrinfo_bind</c>, <c>socket_addrinfo_connect</c>
/// and <c>socket_addrinfo_explain</c>. It has no public constructor, as PHP's cannot be built with
/// <c>new</c>; it owns its copy, so it stays valid after the lookup's list is freed. Two AddressInfo
/// objects are equal only when they are the same object, as in PHP.
/// </summary>
public sealed class AddressInfo
{
    private readonly byte[] _address;

    internal AddressInfo(int flags, int family, int socketType, int protocol, ReadOnlySpan<byte> address, string? canonicalName)
    {
        Flags = flags;
        Family = family;
        SocketType = socketType;
        Protocol = protocol;
        _address = address.ToArray();
        CanonicalName = canonicalName;
    }

    /// <summary><c>ai_flags</c> as the resolver returned it (glibc echoes the hints' flags).</summary>
    public int Flags { get; }

    /// <summary><c>ai_family</c>: AF_INET or AF_INET6 for what getaddrinfo returns.</summary>
    public int Family { get; }

    /// <summary><c>ai_socktype</c>: SOCK_STREAM, SOCK_DGRAM, SOCK_RAW...</summary>
    public int SocketType { get; }

    /// <summary><c>ai_protocol</c>: 6 for TCP, 17 for UDP, 0 for raw entries.</summary>
    public int Protocol { get; }

    /// <summary><c>ai_canonname</c>: set only on the first entry, and only when AI_CANONNAME was asked for.</summary>
    public string? CanonicalName { get; }

    /// <summary>The <c>ai_addr</c> bytes (a sockaddr_in or sockaddr_in6, <c>ai_addrlen</c> long).</summary>
    public ReadOnlySpan<byte> RawAddress => _address;

    /// <summary>The port of an AF_INET or AF_INET6 entry (host order), or 0 for other families.</summary>
    public int Port => IsInet ? SocketAddress.Port(_address) : 0;

    /// <summary>The address as inet_ntop writes it ("127.0.0.1", "::1"), or null for other families.</summary>
    public string? AddressText => IsInet ? SocketAddress.InetText(_address) : null;

    /// <summary>
    /// The entry as a .NET <see cref="IPEndPoint"/> (with the IPv6 scope id), or null for families
    /// other than AF_INET and AF_INET6.
    /// </summary>
    public IPEndPoint? ToIPEndPoint()
    {
        if (Family == SocketAddress.AF_INET && _address.Length >= SocketAddress.InetSize)
            return new IPEndPoint(new IPAddress(_address.AsSpan(4, 4)), Port);
        if (Family == SocketAddress.AF_INET6 && _address.Length >= SocketAddress.Inet6Size)
            return new IPEndPoint(new IPAddress(_address.AsSpan(8, 16), BitConverter.ToUInt32(_address, 24)), Port);
        return null;
    }

    /// <summary>The address and port, as "127.0.0.1:80" or "[::1]:80", for diagnostics.</summary>
    public override string ToString() => ToIPEndPoint()?.ToString() ?? $"AddressInfo(family {Family})";

    private bool IsInet =>
        (Family == SocketAddress.AF_INET && _address.Length >= SocketAddress.InetSize)
        || (Family == SocketAddress.AF_INET6 && _address.Length >= SocketAddress.Inet6Size);
}
