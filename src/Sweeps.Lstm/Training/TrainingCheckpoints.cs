using Sweeps.Core.Jobs;

namespace Sweeps.Lstm.Training;

/// <summary>
/// Where a training saves its state after every epoch, and resumes from when it starts.
/// <paramref name="Identity"/> describes what is trained beyond the options and the seed (the job's settings: task, sizes, data file),
/// so that a checkpoint of other settings is refused rather than continued.
/// </summary>
public sealed record TrainingCheckpoints(ITrialCheckpoints Store, string Identity = "");
