using Xunit;

namespace PhpSockets.Tests;

/// <summary>
/// Tests that count or exhaust descriptors: they run alone, after the parallel tests, so no other
/// test opens or closes descriptors under them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DescriptorSensitiveCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Descriptor-sensitive tests (run alone)";
}
