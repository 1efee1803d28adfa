using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Sweeps.Core.Jobs;
using Sweeps.Lstm.Numerics;
using Sweeps.Lstm.Tasks;

namespace Sweeps.Lstm.Training;

/// <summary>
/// The bytes of an <c>lstm.train</c> checkpoint, written after every epoch. Little-endian:
/// the magic "SWLSTMCK", format version (int32), bytes per number (4 float32, 8 float64), the SHA-256 fingerprint of what is
/// trained (options, seed, task, precision) and its text; then the epoch, early stopping's counter, the best validation loss,
/// updates, sequences and seconds so far, the validation curve, the parameters, the best parameters, the optimizer's state
/// and the two random-number generators (shuffling, input noise). Everything a training needs to continue bit for bit.
/// </summary>
internal static class TrainingCheckpoint
{
    public const int Version = 1;
    private const int MaxDescriptionBytes = 64 * 1024;
    private static readonly byte[] Magic = "SWLSTMCK"u8.ToArray();

    /// <summary>
    /// Says what a checkpoint belongs to: a checkpoint whose description differs is refused. The epoch budget is left out:
    /// a training continued to more epochs (a trial promoted by a scheduler) goes on exactly as one given them from the start.
    /// </summary>
    public static string Describe<T>(SequenceTask task, TrainingOptions options, ulong seed, string identity) =>
        $"{typeof(T).Name}, seed {seed}, {identity}, task {task.Name} ({task.InputSize} in, {task.OutputSize} out, " +
        $"{task.Train.Count}/{task.Valid.Count}/{task.Test.Count} x {task.Train.Steps}), {options with { MaxEpochs = 0 }}";

    /// <summary>Writes the checkpoint into <paramref name="buffer"/> (emptied first); <paramref name="seconds"/>: training time so far, this run's included.</summary>
    public static void Write<T>(MemoryStream buffer, string description, TrainingState<T> state, double seconds, T[] parameters,
        Optimizer<T> optimizer, Rng order, Rng noise)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        buffer.SetLength(0);
        using var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true);
        var text = Encoding.UTF8.GetBytes(description);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(Unsafe.SizeOf<T>());
        writer.Write(SHA256.HashData(text));
        writer.Write(text.Length);
        writer.Write(text);
        writer.Write(state.Epoch);
        writer.Write(state.SinceBest);
        writer.Write(state.BestValid);
        writer.Write(state.Updates);
        writer.Write(state.Trained);
        writer.Write(seconds);
        BinaryState.WriteArray<double>(writer, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(state.Curve));
        BinaryState.WriteArray<T>(writer, parameters);
        BinaryState.WriteArray<T>(writer, state.BestParameters);
        optimizer.SaveState(writer);
        order.Save(writer);
        noise.Save(writer);
    }

    /// <summary>Checks a checkpoint and loads it into the given parameters, optimizer and generators.</summary>
    /// <exception cref="TrialCheckpointException">Not an lstm.train checkpoint, another format version or precision, another training, or damaged.</exception>
    public static TrainingState<T> Read<T>(TrialCheckpoint checkpoint, string description, int maxEpochs, T[] parameters,
        Optimizer<T> optimizer, Rng order, Rng noise)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string Refuse(string why) => $"lstm.train cannot resume from its checkpoint of step {checkpoint.Step}: {why}";
        var bytes = checkpoint.State.ToArray();
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        try
        {
            if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
                throw new TrialCheckpointException(Refuse("it does not start with SWLSTMCK, so it was not written by lstm.train"));
            reader.BaseStream.Position = Magic.Length;
            var version = reader.ReadInt32();
            if (version != Version)
                throw new TrialCheckpointException(Refuse($"it has format version {version}; this lstm.train reads version {Version}"));
            var size = reader.ReadInt32();
            if (size != Unsafe.SizeOf<T>())
                throw new TrialCheckpointException(Refuse($"it holds {size}-byte numbers, this training uses {Unsafe.SizeOf<T>()}-byte {typeof(T).Name}"));
            var fingerprint = reader.ReadBytes(32);
            var length = reader.ReadInt32();
            if (length < 0 || length > MaxDescriptionBytes) throw new InvalidDataException($"a description of {length} bytes");
            var saved = Encoding.UTF8.GetString(reader.ReadBytes(length));
            if (!fingerprint.AsSpan().SequenceEqual(SHA256.HashData(Encoding.UTF8.GetBytes(description))))
                throw new TrialCheckpointException(Refuse(
                    $"it belongs to another training (other parameters, seed or task): it was saved for [{saved}], this trial is [{description}]"));

            var epoch = reader.ReadInt32();
            var sinceBest = reader.ReadInt32();
            if (epoch < 0 || sinceBest < 0 || sinceBest > epoch)
                throw new InvalidDataException($"epoch {epoch} with {sinceBest} epochs since the best");
            if (epoch > maxEpochs)
                throw new TrialCheckpointException(Refuse($"it has trained {epoch} epochs, more than this trial's {maxEpochs} (max_epochs)"));
            var state = new TrainingState<T>(new T[parameters.Length], reader.ReadDouble())
            {
                Epoch = epoch,
                SinceBest = sinceBest,
                Updates = reader.ReadInt64(),
                Trained = reader.ReadInt64(),
                Seconds = reader.ReadDouble(),
            };
            var curve = new double[epoch];
            BinaryState.ReadArray<double>(reader, curve, "validation curve");
            state.Curve.AddRange(curve);
            BinaryState.ReadArray<T>(reader, parameters, "parameters");
            BinaryState.ReadArray<T>(reader, state.BestParameters, "best parameters");
            optimizer.RestoreState(reader);
            order.Restore(reader);
            noise.Restore(reader);
            if (reader.BaseStream.Position != bytes.Length)
                throw new InvalidDataException($"{bytes.Length - reader.BaseStream.Position} bytes after its end");
            return state;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            var why = e is EndOfStreamException ? "it ends early (truncated)" : $"it is damaged ({e.Message})";
            throw new TrialCheckpointException(Refuse(why), e);
        }
    }
}
