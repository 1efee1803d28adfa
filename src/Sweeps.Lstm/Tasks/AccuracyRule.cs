namespace Sweeps.Lstm.Tasks;

/// <summary>How a task counts a prediction as right.</summary>
public enum AccuracyRule
{
    /// <summary>The task has no accuracy (piano rolls are scored by likelihood only).</summary>
    None,
    /// <summary>A regression target hit within <see cref="SequenceTask.Tolerance"/> (the adding problem: 0.04).</summary>
    WithinTolerance,
    /// <summary>The symbols the grammar allows next are exactly the most probable ones (Gers et al. 2000).</summary>
    LegalSymbols,
    /// <summary>The most probable class is the target's (classification and next-character prediction from a file).</summary>
    MostProbable,
}
