// Prints what a debugger would fetch for each source document of a portable PDB: one line
// "url <document> <Source Link URL>" or "embedded <document>", from the PDB's Source Link JSON.
// .ci/package-checks reads these lines to check every document is either embedded or mapped.
using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Text;
using System.Text.Json;

Guid sourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
Guid embeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

using FileStream pdb = File.OpenRead(args[0]);
using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
MetadataReader reader = provider.GetMetadataReader();

var map = new List<(string Prefix, string Url)>();
var embedded = new HashSet<DocumentHandle>();
foreach (CustomDebugInformationHandle handle in reader.CustomDebugInformation)
{
    CustomDebugInformation info = reader.GetCustomDebugInformation(handle);
    Guid kind = reader.GetGuid(info.Kind);
    if (kind == embeddedSourceKind && info.Parent.Kind == HandleKind.Document)
        embedded.Add((DocumentHandle)info.Parent);
    if (kind != sourceLinkKind)
        continue;
    string json = Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value));
    Console.WriteLine($"sourcelink {json}");
    foreach (JsonProperty entry in JsonDocument.Parse(json).RootElement.GetProperty("documents").EnumerateObject())
        map.Add((entry.Name.TrimEnd('*'), entry.Value.GetString()!.TrimEnd('*')));
}

foreach (DocumentHandle handle in reader.Documents)
{
    string name = reader.GetString(reader.GetDocument(handle).Name);
    if (embedded.Contains(handle))
    {
        Console.WriteLine($"embedded {name}");
        continue;
    }
    (string Prefix, string Url) rule = map.Find(r => name.StartsWith(r.Prefix, StringComparison.Ordinal));
    Console.WriteLine(rule.Url is null ? $"unmapped {name}" : $"url {name} {rule.Url}{name[rule.Prefix.Length..]}");
}
