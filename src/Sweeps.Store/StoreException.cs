namespace Sweeps.Store;

/// <summary>The store cannot be used as asked; the message says which store and why.</summary>
public class StoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Another coordinator is writing to the store; only one writer is allowed at a time.</summary>
public sealed class StoreInUseException(string message) : StoreException(message);
