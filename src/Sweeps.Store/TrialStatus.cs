namespace Sweeps.Store;

/// <summary>Where a trial stands, as the <c>trials.status</c> column spells it.</summary>
public static class TrialStatus
{
    /// <summary>Waiting to run again (its worker was lost, or the sweep was interrupted).</summary>
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static bool IsFinal(string status) => status is Completed or Failed;
}
