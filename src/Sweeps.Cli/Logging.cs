using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;
using Sweeps.Cli.Output;

namespace Sweeps.Cli;

/// <summary>Serilog to standard error (above the live table while one runs): readable lines, or JSON lines with --log-format json.</summary>
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
        ITextFormatter formatter = format == "json"
            ? new CompactJsonFormatter()
            : new MessageTemplateTextFormatter("{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}");
        Log.Logger = configuration.WriteTo.Sink(new TerminalLogSink(formatter)).CreateLogger();
    }
}
