using Sweeps.Core.Parameters;

namespace Sweeps.Core.Trials;

/// <summary>One trial of a sweep, fully determined by the spec and its index.</summary>
/// <param name="Index">0-based position in the sweep; with the sweep's name, the trial's identity.</param>
/// <param name="Point">Which parameter point (trials of one point differ only in replicate and seed).</param>
public sealed record TrialDefinition(long Index, long Point, int Replicate, ulong Seed, TrialParameters Parameters);
