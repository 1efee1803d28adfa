namespace Sweeps.Core.Lifecycle;

/// <summary>
/// The one place sweep states and trial statuses are spelled: the store's columns, the journal's events, messages,
/// the API and the console all use these words. Existing journals and stores hold them, so they never change.
/// </summary>
public static class StateNames
{
    private static readonly IReadOnlyList<(SweepState State, string Text)> Sweep =
    [
        (SweepState.Running, "running"),
        (SweepState.Paused, "paused"),
        (SweepState.Cancelled, "cancelled"),
        (SweepState.Finished, "finished"),
    ];

    private static readonly IReadOnlyList<(TrialStatus Status, string Text)> Trial =
    [
        (TrialStatus.Pending, "pending"),
        (TrialStatus.Running, "running"),
        (TrialStatus.Completed, "completed"),
        (TrialStatus.Failed, "failed"),
        (TrialStatus.Pruned, "pruned"),
    ];

    public static string AllSweepStates { get; } = string.Join(", ", Sweep.Select(s => s.Text));

    public static string AllTrialStatuses { get; } = string.Join(", ", Trial.Select(s => s.Text));

    public static string Text(this SweepState state) =>
        Sweep.FirstOrDefault(s => s.State == state).Text ?? throw new UnknownStateException($"{(int)state} is not a sweep state; the states are {AllSweepStates}");

    public static string Text(this TrialStatus status) =>
        Trial.FirstOrDefault(s => s.Status == status).Text ?? throw new UnknownStateException($"{(int)status} is not a trial status; the statuses are {AllTrialStatuses}");

    public static bool IsKnown(this SweepState state) => Sweep.Any(s => s.State == state);

    /// <summary>Finished and cancelled sweeps never change again.</summary>
    public static bool IsOver(this SweepState state) => state is SweepState.Finished or SweepState.Cancelled;

    public static bool IsFinal(this TrialStatus status) => status is TrialStatus.Completed or TrialStatus.Failed or TrialStatus.Pruned;

    /// <summary>Reads a sweep state exactly as spelled here (no other case, no numbers); anything else is refused with the list.</summary>
    public static SweepState ParseSweepState(string? text) =>
        Sweep.Where(s => s.Text == text).Select(s => (SweepState?)s.State).FirstOrDefault()
        ?? throw new UnknownStateException($"'{text}' is not a sweep state; the states are {AllSweepStates}");

    public static TrialStatus ParseTrialStatus(string? text) =>
        Trial.Where(s => s.Text == text).Select(s => (TrialStatus?)s.Status).FirstOrDefault()
        ?? throw new UnknownStateException($"'{text}' is not a trial status; the statuses are {AllTrialStatuses}");
}
