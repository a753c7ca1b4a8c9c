using Xunit;

// The targets check descriptors (a decoder's received ones must be closed): no other test may open
// or close descriptors meanwhile.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
