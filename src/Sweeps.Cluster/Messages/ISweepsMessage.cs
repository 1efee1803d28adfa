namespace Sweeps.Cluster.Messages;

/// <summary>
/// Marks every message and event of Sweeps. The marker binds them all to <see cref="Serialization.SweepsSerializer"/>,
/// so nothing of ours travels or is journaled with the default JSON-with-type-names serializer.
/// </summary>
public interface ISweepsMessage;
