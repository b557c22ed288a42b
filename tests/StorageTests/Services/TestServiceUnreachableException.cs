namespace Registry.StorageTests.Services;

/// <summary>A storage server that a test needs does not answer; the message names its URL and how to start it.</summary>
public sealed class TestServiceUnreachableException(string message) : Exception(message);
