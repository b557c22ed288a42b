namespace Registry.Gateway.Streaming;

/// <summary>The client went away while its request body was being read; there is nobody to answer.</summary>
internal sealed class ClientDisconnectedException(string message, Exception innerException) : Exception(message, innerException);
