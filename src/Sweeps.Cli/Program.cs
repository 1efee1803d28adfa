using System.Runtime.InteropServices;
using Spectre.Console.Cli;
using Sweeps.Cli.Commands;
using Sweeps.Cli.Commands.Certs;

namespace Sweeps.Cli;

public static class Program
{
    private static readonly CancellationTokenSource Interrupt = new();
    private static string[] _args = [];

    /// <summary>Cancelled by Ctrl-C or SIGTERM: commands stop cleanly instead of being killed.</summary>
    public static CancellationToken Interruption => Interrupt.Token;

    public static async Task<int> Main(string[] args)
    {
        Console.CancelKeyPress += (_, e) =>
        {
            if (Interrupt.IsCancellationRequested) Environment.Exit(130); // a second Ctrl-C kills at once, whoever else listens
            e.Cancel = true;
            Console.Error.WriteLine("Stopping: cancelling running trials and saving what is done (Ctrl-C again to kill)...");
            Interrupt.Cancel();
        };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Interrupt.Cancel();
        });
        // Redirected output has no width of its own: keep tables on one line each rather than wrapped at 80 columns.
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 320;
        _args = args;
        return await CreateApp().RunAsync(args);
    }

    /// <summary>A command line that cannot be parsed or validated is bad input (exit 2), said in one line without a stack trace.</summary>
    private static int Refused(Exception exception)
    {
        Console.Error.WriteLine($"error: {InUsersWords(exception.Message)}");
        return exception is CommandAppException ? 2 : 1;
    }

    /// <summary>Spectre names .NET types when a value does not convert ("Failed to convert 'abc' to Nullable`1."): say which option and what it takes.</summary>
    private static string InUsersWords(string message)
    {
        const string prefix = "Failed to convert '";
        if (!message.StartsWith(prefix, StringComparison.Ordinal)) return message;
        var value = message[prefix.Length..message.LastIndexOf("' to ", StringComparison.Ordinal)];
        var at = Array.IndexOf(_args, value);
        var option = at > 0 && _args[at - 1].StartsWith('-') ? _args[at - 1] : "an option";
        return $"{option}: '{value}' is not a value it takes (whole numbers for counts and limits); see --help";
    }

    public static CommandApp CreateApp()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("sweeps");
            // an option a command does not know is a mistake to name, never silently ignored
            config.Settings.StrictParsing = true;
            config.SetExceptionHandler((exception, _) => Refused(exception));
            config.SetApplicationVersion(typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "0.1.0");
            config.AddCommand<RunCommand>("run")
                .WithDescription("Run the sweeps of a spec file in this process, on SQLite [green]sweeps.db[/] unless --db says otherwise. Run it again after Ctrl-C or a crash to resume.")
                .WithExample("run", "config/sweeps/curse-of-dimensionality.yaml")
                .WithExample("run", "config/sweeps/smoke.yaml", "--workers", "2", "--db", "runs.db");
            config.AddCommand<StatusCommand>("status")
                .WithDescription("List the sweeps in a store with their counts, or show one sweep in detail.")
                .WithExample("status")
                .WithExample("status", "shell-fraction", "--db", "runs.db");
            config.AddCommand<QueryCommand>("query")
                .WithDescription("Print a sweep's trials with parameters and metrics as columns, as a table, CSV or JSON.")
                .WithExample("query", "shell-fraction", "--where", "\"dimension>=100 and fraction<0.9\"", "--sort", "fraction", "--desc", "--limit", "10")
                .WithExample("query", "shell-fraction", "--format", "csv");
            config.AddCommand<BestCommand>("best")
                .WithDescription("Print a sweep's best trials by its objective (or --metric and --goal).")
                .WithExample("best", "shell-fraction", "--top", "5");
            config.AddCommand<CompareCommand>("compare")
                .WithDescription("Compare groups of a sweep's trials (e.g. each LSTM variant) on a metric, each against a baseline with Welch's t-test.")
                .WithExample("compare", "odyssey-reber", "--by", "variant", "--baseline", "vanilla");
            config.AddCommand<ReportCommand>("report").WithDescription("Write a sweep's report: one self-contained HTML page of figures, best trials and parameter importance.").WithExample("report", "shell-fraction", "--out", "shell-fraction.html");
            config.AddCommand<DashboardCommand>("dashboard").WithDescription("Serve a live, read-only web page of the store's sweeps: progress, rate, ETA, running and best trials, the report's figures.").WithExample("dashboard", "--db", "runs.db", "--port", "8080");
            config.AddCommand<SchemaCommand>("schema").WithDescription("Print the spec format as a JSON Schema (every job's parameters with types, bounds and choices), for editors.");
            config.AddCommand<CoordinatorCommand>("coordinator")
                .WithDescription("Start a node with the coordinator role (the coordinator is a cluster singleton; a second coordinator node is a warm standby).")
                .WithExample("coordinator", "--host", "127.0.0.1", "--port", "4053", "--db", "sweeps.db");
            config.AddCommand<WorkerCommand>("worker")
                .WithDescription("Start a worker node that joins the cluster and pulls trials for its free slots.")
                .WithExample("worker", "--seed", "127.0.0.1:4053", "--slots", "2");
            config.AddCommand<SubmitCommand>("submit")
                .WithDescription("Submit the sweeps of a spec file to a running cluster over its HTTP API; --wait follows them to the end.")
                .WithExample("submit", "config/sweeps/curse-of-dimensionality.yaml", "--server", "http://127.0.0.1:4080", "--wait");
            config.AddCommand<CancelCommand>("cancel").WithDescription("Cancel a sweep across the cluster: no more trials are handed out.")
                .WithExample("cancel", "shell-fraction", "--server", "http://127.0.0.1:4080");
            config.AddCommand<PauseCommand>("pause").WithDescription("Pause a sweep: running trials finish, no new ones start until resumed.")
                .WithExample("pause", "shell-fraction", "--server", "http://127.0.0.1:4080");
            config.AddCommand<ResumeCommand>("resume").WithDescription("Resume a paused sweep.")
                .WithExample("resume", "shell-fraction", "--server", "http://127.0.0.1:4080");
            config.AddCommand<RetryCommand>("retry").WithDescription("Run a sweep's failed trials (or with --pruned its pruned ones) again as new attempts; a finished sweep runs again until they are done.")
                .WithExample("retry", "shell-fraction", "--server", "http://127.0.0.1:4080")
                .WithExample("retry", "odyssey-reber", "--pruned", "--server", "http://127.0.0.1:4080")
                .WithExample("retry", "shell-fraction", "--db", "runs.db");
            config.AddBranch("token", token =>
            {
                token.SetDescription("Bearer tokens for the HTTP API, for tools that cannot hold a client certificate.");
                token.AddCommand<TokenCreateCommand>("create")
                    .WithDescription("Ask the cluster for a new token (needs a client certificate) and print it; it is shown only once.")
                    .WithExample("token", "create", "--server", "https://10.0.0.5:4080", "--tls-certificate", "client.pfx", "--tls-ca", "ca.crt");
            });
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Measure speed (never asserted in tests; compare ratios taken in one run).");
                bench.AddCommand<BenchOverheadCommand>("overhead")
                    .WithDescription("Trials per second of a noop sweep through the coordinator, embedded and durable on SQLite.")
                    .WithExample("bench", "overhead", "--trials", "100000");
                bench.AddCommand<BenchClusterCommand>("cluster")
                    .WithDescription("Trials per second of a noop sweep through a coordinator and N worker processes on this machine.")
                    .WithExample("bench", "cluster", "--worker-processes", "2,4");
                bench.AddCommand<BenchFailoverCommand>("failover")
                    .WithDescription("Seconds from kill -9 of a worker process mid-trial to its trials running on another worker (--coordinator: of the active coordinator to the standby's first journal write).")
                    .WithExample("bench", "failover", "--repeats", "5")
                    .WithExample("bench", "failover", "--coordinator");
                bench.AddCommand<BenchRecoveryCommand>("recovery")
                    .WithDescription("Seconds for a coordinator to recover a sweep with N finished trials (snapshots keep this short).")
                    .WithExample("bench", "recovery", "--trials", "10000,100000,1000000");
                bench.AddCommand<BenchGeometryCommand>("geometry")
                    .WithDescription("Each geometry job's throughput on one core (angle pairs/s beside plain C at -O3).")
                    .WithExample("bench", "geometry", "--dimensions", "2,100,1000");
                bench.AddCommand<BenchLstmCommand>("lstm")
                    .WithDescription("Median milliseconds of one LSTM forward+backward pass and sequences/s, one core, float32.")
                    .WithExample("bench", "lstm", "--batch", "32", "--hidden", "128", "--input", "32", "--steps", "100");
                bench.AddCommand<BenchSearchCommand>("search")
                    .WithDescription("TPE against random search on Branin and Hartmann-6: median simple regret over the same seeds, and the ratio.")
                    .WithExample("bench", "search", "--trials", "100", "--seeds", "20");
                bench.AddCommand<BenchCommandCommand>("command")
                    .WithDescription("Trials/s of a command: [[\"true\"]] sweep against a shell loop starting true as often, and their ratio.")
                    .WithExample("bench", "command", "--trials", "1000");
            });
            config.AddBranch("certs", certs =>
            {
                certs.SetDescription("Make the certificates a TLS cluster needs: its own CA, then one certificate per node and per client.");
                certs.AddCommand<CreateCaCommand>("create-ca")
                    .WithDescription("Make the cluster's certificate authority: [green]ca.crt[/] (give to every node and client) and [green]ca.key[/] (keep safe).")
                    .WithExample("certs", "create-ca", "--out", "certs");
                certs.AddCommand<CreateNodeCommand>("create-node")
                    .WithDescription("Make a node's certificate signed by the CA ([green]node.pfx[/] for --tls-certificate, node.crt, node.key), valid for each --host.")
                    .WithExample("certs", "create-node", "--ca-dir", "certs", "--host", "node1.example.com", "--host", "10.0.0.5", "--out", "certs/node1");
                certs.AddCommand<CreateClientCommand>("create-client")
                    .WithDescription("Make a user's client certificate signed by the CA ([green]client.pfx[/], client.crt, client.key).")
                    .WithExample("certs", "create-client", "--ca-dir", "certs", "--name", "alice", "--out", "certs/alice");
            });
            config.ValidateExamples();
        });
        return app;
    }
}
