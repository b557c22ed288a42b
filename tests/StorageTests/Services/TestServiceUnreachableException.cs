namespace Registry.StorageTests.Services;

/// <summary>A storage server that a test needs does not respond. The message names its URL and how to start it.</summary>
public sealed class TestServiceUnreachableException(string message) : Exception(message);
