using System;
using EchoServers;

// echo-servers phpsockets|netsockets [--port P] [--line] [--poll-only]     (listens on 127.0.0.1)
// --poll-only: socket_select on ppoll for every set (PhpSockets' AppContext switch), to compare with its epoll mirror.
string? api = args.Length > 0 ? args[0] : null;
int port = 10000;
bool line = false;
for (int i = 1; i < args.Length; i++)
{
    if (args[i] == "--port" && i + 1 < args.Length) port = int.Parse(args[++i]);
    else if (args[i] == "--line") line = true;
    else if (args[i] == "--poll-only") AppContext.SetSwitch("PhpSockets.SocketSelect.PollOnly", true);
    else api = null;
}
return api switch
{
    "phpsockets" => PhpSocketsEcho.Run(port, line),
    "netsockets" => NetSocketsEcho.Run(port, line),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: echo-servers phpsockets|netsockets [--port P] [--line] [--poll-only]");
    return 1;
}
