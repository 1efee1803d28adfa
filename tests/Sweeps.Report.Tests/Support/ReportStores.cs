using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Report.Tests.Support;

/// <summary>A new SQLite store in a folder of the test's own with one synthetic sweep in it.</summary>
internal static class ReportStores
{
    public static (ResultStore Store, string Folder) WithSweep(string name, int trials, string lr = "lr", string kind = TestStores.Sqlite)
    {
        var folder = TestStores.NewFolder();
        var store = ResultStore.Open(TestStores.Create(kind, folder));
        SyntheticSweep.Write(store, name, trials, lr);
        return (store, folder);
    }
}
