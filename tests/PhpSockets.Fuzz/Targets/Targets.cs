using System;
using System.Collections.Generic;

namespace PhpSockets.Fuzz;

/// <summary>The fuzz targets by name, as the command line and the corpus folders name them.</summary>
public static class Targets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["address"] = data => AddressTarget.Run(data),
        ["cmsg"] = data => ControlMessageTarget.Run(data),
        ["sendmsg"] = data => SendMessageTarget.Run(data),
        ["scenario"] = data => ScenarioTarget.Run(data),
    };
}
