using Registry.Storage.Drivers;
using Registry.Storage.Drivers.InMemory;
using Registry.StorageTests.Conformance;

namespace Registry.StorageTests.Drivers;

public sealed class InMemoryDriverTests : StorageDriverConformanceTests
{
    // One store shared by every instance, as replicas share a bucket.
    private readonly InMemoryDriver _store = new();

    protected override IStorageDriver CreateDriver() => _store;

    protected override async Task<IReadOnlyList<string>> RemainingObjectsAsync()
    {
        var remaining = new List<string>();
        try
        {
            await foreach (var file in _store.WalkAsync("/"))
            {
                remaining.Add(file.Path);
            }
        }
        catch (PathNotFoundException)
        {
        }

        return remaining;
    }
}
