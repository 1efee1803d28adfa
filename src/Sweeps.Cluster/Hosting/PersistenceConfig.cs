using Akka.Configuration;
using Sweeps.Store;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// Akka.Persistence.Sql settings for a store: the journal and snapshots live in the same database as the
/// results tables. SQLite has one writer, so its journal writes one batch at a time.
/// </summary>
public static class PersistenceConfig
{
    public static Config For(StoreLocation store)
    {
        var connection = Quote(store.ConnectionString);
        var provider = Quote(store.PersistenceProviderName);
        var parallelism = store.Provider == StoreProvider.Sqlite ? 1 : 3;
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                  parallelism = {{parallelism}}
                  batch-size = 100
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                }
              }
              query.journal.sql {
                connection-string = {{connection}}
                provider-name = {{provider}}
                write-plugin = "akka.persistence.journal.sql"
                refresh-interval = 50ms
                max-buffer-size = 500
              }
            }
            """).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
