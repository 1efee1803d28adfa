using Sweeps.Core.Jobs;

namespace Sweeps.Core.Tests.Jobs;

public sealed class FolderCheckpointStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweeps-checkpoints-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static byte[] Bytes(int length, byte seed) => Enumerable.Range(0, length).Select(i => (byte)(i * 31 + seed)).ToArray();

    private string TrialFolder(string sweep, long trial) => Path.Combine(_folder, sweep, $"trial-{trial}");

    [Fact]
    public void Another_store_on_the_same_folder_finds_the_latest_checkpoint_as_another_node_would()
    {
        new FolderCheckpointStore(_folder).For("reber", 3).Save(1, Bytes(1000, 1));
        new FolderCheckpointStore(_folder).For("reber", 3).Save(2, Bytes(2000, 2));

        var latest = new FolderCheckpointStore(_folder).For("reber", 3).Latest();
        Assert.NotNull(latest);
        Assert.Equal(2, latest.Step);
        Assert.Equal(Bytes(2000, 2), latest.State.ToArray());
        Assert.Null(new FolderCheckpointStore(_folder).For("reber", 4).Latest());
        Assert.Null(new FolderCheckpointStore(_folder).For("other", 3).Latest());
    }

    [Fact]
    public void Only_the_latest_checkpoint_of_a_trial_is_kept()
    {
        var store = new FolderCheckpointStore(_folder);
        for (var step = 1; step <= 4; step++) store.For("s", 0).Save(step, Bytes(100, (byte)step));
        store.For("s", 1).Save(9, Bytes(10, 9));

        Assert.Equal(["step-4.checkpoint"], Directory.GetFiles(TrialFolder("s", 0)).Select(Path.GetFileName));
        Assert.Equal(["step-9.checkpoint"], Directory.GetFiles(TrialFolder("s", 1)).Select(Path.GetFileName));
    }

    [Fact]
    public void A_late_save_of_an_earlier_step_is_pruned_and_the_later_one_stays()
    {
        var trial = new FolderCheckpointStore(_folder).For("s", 0);
        trial.Save(5, Bytes(10, 5));
        trial.Save(3, Bytes(10, 3));
        Assert.Equal(5, trial.Latest()!.Step);
        Assert.Equal(["step-5.checkpoint"], Directory.GetFiles(TrialFolder("s", 0)).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_cut_short_leaves_only_a_temporary_file_that_readers_ignore_and_a_later_save_removes_once_abandoned()
    {
        var store = new FolderCheckpointStore(_folder);
        var trial = store.For("s", 0);
        trial.Save(3, Bytes(500, 3));
        // What a writer killed mid-write leaves: a partial temporary file; the rename never happened.
        var torn = Path.Combine(TrialFolder("s", 0), ".step-4.checkpoint.0123456789abcdef.tmp");
        File.WriteAllBytes(torn, Bytes(20, 4));
        var fresh = Path.Combine(TrialFolder("s", 0), ".step-4.checkpoint.fedcba9876543210.tmp");
        File.WriteAllBytes(fresh, Bytes(20, 4));

        Assert.Equal(3, trial.Latest()!.Step);
        Assert.Equal(Bytes(500, 3), trial.Latest()!.State.ToArray());

        File.SetLastWriteTimeUtc(torn, DateTime.UtcNow.AddHours(-2));
        trial.Save(5, Bytes(10, 5));
        Assert.False(File.Exists(torn), "an abandoned temporary file is removed");
        Assert.True(File.Exists(fresh), "a temporary file another writer may still be renaming is left alone");
    }

    [Fact]
    public void A_reader_on_another_store_never_sees_a_partial_checkpoint_while_a_writer_saves()
    {
        const int steps = 60;
        var writer = new FolderCheckpointStore(_folder).For("s", 0);
        var reader = new FolderCheckpointStore(_folder).For("s", 0);
        writer.Save(0, Bytes(64 * 1024, 0));
        Exception? failure = null;
        var writing = new Thread(() =>
        {
            try
            {
                for (var step = 1; step <= steps; step++) writer.Save(step, Bytes(64 * 1024, (byte)step));
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        writing.Start();
        long last = 0, reads = 0;
        while (writing.IsAlive || reads == 0)
        {
            // Every read is a whole checkpoint, never older than one read before.
            var latest = reader.Latest();
            Assert.NotNull(latest);
            Assert.True(latest.Step >= last, $"step {latest.Step} after {last}");
            Assert.Equal(Bytes(64 * 1024, (byte)latest.Step), latest.State.ToArray());
            last = latest.Step;
            reads++;
        }
        writing.Join();
        Assert.Null(failure);
        Assert.Equal(steps, reader.Latest()!.Step);
        Assert.Equal([$"step-{steps}.checkpoint"], Directory.GetFiles(TrialFolder("s", 0)).Select(Path.GetFileName));
    }

    [Fact]
    public void A_truncated_checkpoint_file_is_refused_as_torn()
    {
        var store = new FolderCheckpointStore(_folder);
        store.For("s", 0).Save(2, Bytes(1000, 1));
        var path = store.PathOf("s", 0, 2);
        using (var file = new FileStream(path, FileMode.Open)) file.SetLength(file.Length - 10);

        var error = Assert.Throws<TrialCheckpointException>(() => store.For("s", 0).Latest());
        Assert.Contains(path, error.Message);
        Assert.Contains("torn", error.Message);
    }

    [Fact]
    public void A_checkpoint_cut_inside_its_header_is_refused()
    {
        var store = new FolderCheckpointStore(_folder);
        store.For("s", 0).Save(2, Bytes(10, 1));
        var path = store.PathOf("s", 0, 2);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..30]);
        Assert.Contains("shorter than a checkpoint header", Assert.Throws<TrialCheckpointException>(() => store.For("s", 0).Latest()).Message);
    }

    [Fact]
    public void A_changed_byte_fails_the_checksum()
    {
        var store = new FolderCheckpointStore(_folder);
        store.For("s", 0).Save(2, Bytes(1000, 1));
        var path = store.PathOf("s", 0, 2);
        var bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("SHA-256", Assert.Throws<TrialCheckpointException>(() => store.For("s", 0).Latest()).Message);
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_refused()
    {
        Directory.CreateDirectory(TrialFolder("s", 0));
        File.WriteAllText(Path.Combine(TrialFolder("s", 0), "step-1.checkpoint"), new string('x', 200));
        var error = Assert.Throws<TrialCheckpointException>(() => new FolderCheckpointStore(_folder).For("s", 0).Latest());
        Assert.Contains("not a Sweeps checkpoint", error.Message);
    }

    [Fact]
    public void A_checkpoint_copied_from_another_trial_is_refused()
    {
        var store = new FolderCheckpointStore(_folder);
        store.For("s", 1).Save(2, Bytes(10, 1));
        Directory.CreateDirectory(TrialFolder("s", 0));
        File.Copy(store.PathOf("s", 1, 2), store.PathOf("s", 0, 2));
        var error = Assert.Throws<TrialCheckpointException>(() => store.For("s", 0).Latest());
        Assert.Contains("belongs to trial s/1, not s/0", error.Message);
    }

    [Fact]
    public void A_checkpoint_renamed_to_another_step_is_refused()
    {
        var store = new FolderCheckpointStore(_folder);
        store.For("s", 0).Save(2, Bytes(10, 1));
        File.Move(store.PathOf("s", 0, 2), store.PathOf("s", 0, 7));
        Assert.Contains("renamed", Assert.Throws<TrialCheckpointException>(() => store.For("s", 0).Latest()).Message);
    }

    [Fact]
    public void A_checkpoint_of_another_format_version_is_refused()
    {
        var store = new FolderCheckpointStore(_folder);
        store.For("s", 0).Save(2, Bytes(10, 1));
        var path = store.PathOf("s", 0, 2);
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 9;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("format version 9", Assert.Throws<TrialCheckpointException>(() => store.For("s", 0).Latest()).Message);
    }

    [Fact]
    public void The_size_limit_holds_when_saving_and_when_reading()
    {
        var small = new FolderCheckpointStore(_folder, maxBytes: 1000);
        var error = Assert.Throws<TrialCheckpointException>(() => small.For("s", 0).Save(1, Bytes(1001, 1)));
        Assert.Contains("limit of 1,000 bytes", error.Message);
        Assert.False(Directory.Exists(TrialFolder("s", 0)) && Directory.EnumerateFiles(TrialFolder("s", 0)).Any(), "nothing is written");

        new FolderCheckpointStore(_folder, maxBytes: 5000).For("s", 0).Save(1, Bytes(2000, 1));
        Assert.Contains("more than the limit", Assert.Throws<TrialCheckpointException>(() => small.For("s", 0).Latest()).Message);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    public void A_sweep_name_that_could_leave_the_folder_is_refused(string sweep)
    {
        Assert.Throws<ArgumentException>(() => new FolderCheckpointStore(_folder).For(sweep, 0));
    }

    [Fact]
    public void Trials_run_outside_a_sweep_get_a_folder_no_sweep_can_have()
    {
        var trial = new FolderCheckpointStore(_folder).For("", 2);
        trial.Save(1, Bytes(3, 1));
        Assert.True(File.Exists(Path.Combine(_folder, "_", "trial-2", "step-1.checkpoint")));
        Assert.Equal(1, trial.Latest()!.Step);
    }

    [Fact]
    public void Clearing_a_trial_removes_its_folder_and_leaves_the_others()
    {
        var store = new FolderCheckpointStore(_folder);
        store.For("s", 0).Save(1, Bytes(10, 1));
        store.For("s", 1).Save(1, Bytes(10, 2));
        store.For("s", 0).Clear();
        store.For("s", 7).Clear();
        Assert.False(Directory.Exists(TrialFolder("s", 0)));
        Assert.Null(store.For("s", 0).Latest());
        Assert.Equal(1, store.For("s", 1).Latest()!.Step);
    }
}
