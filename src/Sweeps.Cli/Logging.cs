using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Sweeps.Cli;

/// <summary>Serilog to standard error: readable lines on a terminal, JSON lines with --log-format json.</summary>
internal static class Logging
{
    public static void Configure(string format, string level)
    {
        var minimum = level switch
        {
            "debug" => LogEventLevel.Debug,
            "warning" => LogEventLevel.Warning,
            "error" => LogEventLevel.Error,
            _ => LogEventLevel.Information,
        };
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .MinimumLevel.Override("Akka", minimum == LogEventLevel.Debug ? LogEventLevel.Debug : minimum < LogEventLevel.Warning ? LogEventLevel.Warning : minimum)
            .MinimumLevel.Override("Sweeps", minimum)
            .Enrich.FromLogContext();
        configuration = format == "json"
            ? configuration.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: LogEventLevel.Verbose)
            : configuration.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}", standardErrorFromLevel: LogEventLevel.Verbose);
        Log.Logger = configuration.CreateLogger();
    }
}
