namespace Sweeps.Store;

/// <summary>The store cannot be used as asked; the message says which store and why.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
