namespace Registry.Gateway.Streaming;

/// <summary>The client went away while its request body was being read; no response can be sent.</summary>
internal sealed class ClientDisconnectedException(string message, Exception innerException) : Exception(message, innerException);
