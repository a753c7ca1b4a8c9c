using System;
using System.Reflection;
using PhpSockets;
using static PhpSockets.SocketFunctions;

// Which PhpSockets was restored: the informational version carries the commit it was packed from.
Assembly library = typeof(Socket).Assembly;
Console.WriteLine($"PhpSockets {library.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");

Socket[]? pair = null;
if (!socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref pair) || pair is null)
{
    Console.WriteLine("socket_create_pair failed: " + socket_strerror(socket_last_error()));
    return 1;
}
socket_write(pair[0], "ping over a socket pair");
PhpString? received = socket_read(pair[1], 1024);
socket_close(pair[0]);
socket_close(pair[1]);
Console.WriteLine($"round trip: {received}");
return received?.ToString() == "ping over a socket pair" ? 0 : 1;
