using System;
using PhpSockets.Cli;

return Run(args);

static int Run(string[] args)
{
    string command = args.Length > 0 ? args[0] : "";
    ReadOnlySpan<string> rest = args.Length > 0 ? args.AsSpan(1) : default;
    try
    {
        switch (command)
        {
            case "echo-server":
                return EchoServerCommand.Run(rest);
            case "head":
                return HeadCommand.Run(rest);
            case "help" or "--help" or "-h":
                return Usage.Help(rest.Length > 0 ? rest[0] : null);
            case "--version":
                Console.WriteLine($"phpsock {typeof(Usage).Assembly.GetName().Version?.ToString(3)}");
                return ExitCodes.Success;
            case "":
                throw new UsageException("no command given");
            default:
                throw new UsageException($"unknown command '{command}'");
        }
    }
    catch (UsageException e)
    {
        return Usage.Fail(command is "echo-server" or "head" ? command : null, e.Message);
    }
}
