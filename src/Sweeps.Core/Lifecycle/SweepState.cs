namespace Sweeps.Core.Lifecycle;

/// <summary>Where a sweep stands. Its text form (<see cref="StateNames"/>) is what the store and the journal hold.</summary>
public enum SweepState
{
    /// <summary>Trials are handed out.</summary>
    Running,

    /// <summary>No new trials are handed out until it is resumed; running ones finish.</summary>
    Paused,

    /// <summary>Stopped for good by a person.</summary>
    Cancelled,

    /// <summary>Every trial has its final outcome.</summary>
    Finished,
}
