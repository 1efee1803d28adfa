namespace Sweeps.Cluster.Messages;

/// <summary>A trial's identity: its sweep and its index in the sweep.</summary>
public readonly record struct TrialKey(string Sweep, long Index)
{
    public override string ToString() => $"{Sweep}#{Index}";
}
