using System.Globalization;

namespace Sweeps.Core.Jobs;

/// <summary>
/// Checkpoints as files in a folder every node can reach (<c>--checkpoint-dir</c>):
/// <c>DIR/SWEEP/trial-INDEX/step-STEP.checkpoint</c>, each a <see cref="CheckpointFile"/>. A save writes a temporary
/// file, flushes it to disk and renames it into place, so a reader sees a whole checkpoint or none; then it deletes
/// the trial's older checkpoints. A torn, foreign or damaged file is refused with the reason, never half-read.
/// </summary>
public sealed class FolderCheckpointStore : ICheckpointStore
{
    private const string Extension = ".checkpoint";
    private const string TemporaryExtension = ".tmp";

    /// <summary>A temporary file this old was left by a writer that died: saving removes it.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    public FolderCheckpointStore(string folder, long maxBytes = TrialCheckpoints.DefaultMaxBytes)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new ArgumentException("the checkpoint folder must be given", nameof(folder));
        if (maxBytes <= 0) throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "must be above 0");
        Folder = Path.GetFullPath(folder);
        MaxBytes = maxBytes;
    }

    public string Folder { get; }
    public long MaxBytes { get; }

    public ITrialCheckpoints For(string sweep, long trialIndex)
    {
        if (sweep.Length > 0 && !Spec.SweepName.IsValid(sweep))
            throw new ArgumentException($"sweep name '{sweep}' cannot name a checkpoint folder: {Spec.SweepName.Rule}", nameof(sweep));
        if (trialIndex < 0) throw new ArgumentOutOfRangeException(nameof(trialIndex), trialIndex, "must be 0 or more");
        // "_" cannot be a sweep's name (names start with a letter or digit): it holds trials run outside a sweep.
        var folder = Path.Combine(Folder, sweep.Length == 0 ? "_" : sweep, $"trial-{trialIndex.ToString(CultureInfo.InvariantCulture)}");
        return new Trial(this, folder, CheckpointFile.Key(sweep, trialIndex), TrialCheckpoints.Describe(sweep, trialIndex));
    }

    /// <summary>The path a trial's checkpoint after <paramref name="step"/> is kept at.</summary>
    public string PathOf(string sweep, long trialIndex, long step) =>
        Path.Combine(((Trial)For(sweep, trialIndex)).TrialFolder, FileName(step));

    private static string FileName(long step) => $"step-{step.ToString(CultureInfo.InvariantCulture)}{Extension}";

    private static long? StepOf(string path)
    {
        var name = Path.GetFileName(path);
        if (!name.StartsWith("step-", StringComparison.Ordinal) || !name.EndsWith(Extension, StringComparison.Ordinal)) return null;
        var digits = name["step-".Length..^Extension.Length];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : null;
    }

    private sealed class Trial(FolderCheckpointStore store, string folder, string key, string name) : ITrialCheckpoints
    {
        public string TrialFolder => folder;
        public bool Enabled => true;
        public long MaxBytes => store.MaxBytes;

        public TrialCheckpoint? Latest()
        {
            // A file can be pruned between listing and opening it (another worker saved a later step): list again.
            for (var attempt = 0; ; attempt++)
            {
                var (step, path) = Newest();
                if (path is null) return null;
                try
                {
                    var checkpoint = CheckpointFile.Read(path, key, name, MaxBytes);
                    if (checkpoint.Step != step)
                        throw new TrialCheckpointException($"checkpoint file {path} of {name} holds step {checkpoint.Step}, but its name says {step}: it was renamed or copied by hand; delete it");
                    return checkpoint;
                }
                catch (FileNotFoundException) when (attempt < 100)
                {
                }
            }
        }

        public void Save(long step, ReadOnlyMemory<byte> state)
        {
            TrialCheckpoints.CheckSave(name, step, state.Length, MaxBytes);
            Directory.CreateDirectory(folder);
            var final = Path.Combine(folder, FileName(step));
            var temporary = Path.Combine(folder, $".{FileName(step)}.{Guid.NewGuid():N}{TemporaryExtension}");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    CheckpointFile.Write(stream, key, step, state.Span);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temporary, final, overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
            Prune();
        }

        public void Clear()
        {
            if (!Directory.Exists(folder)) return;
            foreach (var path in Directory.EnumerateFiles(folder))
                if (StepOf(path) is not null || path.EndsWith(TemporaryExtension, StringComparison.Ordinal)) File.Delete(path);
            // Only when empty: a file that is not ours (or a writer's temporary file just created) keeps the folder.
            try { Directory.Delete(folder); } catch (IOException) { }
        }

        private (long Step, string? Path) Newest()
        {
            if (!Directory.Exists(folder)) return (-1, null);
            long best = -1;
            string? newest = null;
            foreach (var path in Directory.EnumerateFiles(folder, "step-*" + Extension))
                if (StepOf(path) is { } step && step > best)
                    (best, newest) = (step, path);
            return (best, newest);
        }

        /// <summary>Keeps only the newest checkpoint (which may be another writer's, if it got further) and removes abandoned temporary files.</summary>
        private void Prune()
        {
            var (newestStep, _) = Newest();
            foreach (var path in Directory.EnumerateFiles(folder))
            {
                if (StepOf(path) is { } step)
                {
                    if (step < newestStep) File.Delete(path);
                }
                else if (path.EndsWith(TemporaryExtension, StringComparison.Ordinal)
                         && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > AbandonedAfter)
                {
                    File.Delete(path);
                }
            }
        }
    }
}
