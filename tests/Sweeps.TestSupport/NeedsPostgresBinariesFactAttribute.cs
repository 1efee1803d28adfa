using Xunit;

namespace Sweeps.TestSupport;

/// <summary>A test that starts a PostgreSQL server of its own: CI has the binaries; elsewhere it says why it did not run.</summary>
public sealed class NeedsPostgresBinariesFactAttribute : FactAttribute
{
    public NeedsPostgresBinariesFactAttribute()
    {
        if (PrivatePostgres.Binaries is null) Skip = "needs PostgreSQL's server binaries (.ci/run installs them)";
    }
}
