using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// Input built to exhaust the stack or the clock (a spec or a --where nested tens of thousands deep, a spec of megabytes)
/// gets the same clear error and exit 2 as any bad input: no crash, no stack trace, nothing started.
/// </summary>
public sealed class HostileInputTests
{
    private readonly string _folder = TestStores.NewFolder();

    private string Database => Path.Combine(_folder, "sweeps.db");

    [Fact]
    public void A_spec_nested_50_000_deep_is_refused_at_its_line()
    {
        var spec = Files.Write(_folder, "deep.yaml",
            "name: deep\njob: noop\nparameters:\n  sleep_ms: " + new string('[', 50_000) + new string(']', 50_000) + "\n");

        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec);

        Assert.Equal(2, code);
        Assert.Contains("error: the spec cannot run (1 problem); nothing was started:", errors);
        Assert.Contains($"{spec}:4: yaml: lists and mappings are nested more than 64 deep here " +
            "(a sweep needs 5 levels at most (sweeps: - parameters: name: [values]); look for brackets that are never closed)", errors);
        AssertNoCrash(output + errors);
        Assert.False(File.Exists(Database), "a refused spec must not even create the store");
    }

    [Fact]
    public void A_spec_over_1_MiB_is_refused_with_its_size_and_the_limit()
    {
        var spec = Files.Write(_folder, "huge.yaml", "name: huge\njob: noop\n# " + new string('x', 2 * 1024 * 1024) + "\n");

        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec);

        Assert.Equal(2, code);
        Assert.Contains($"{spec}:1: file: is 2,097,176 bytes; a spec may be at most 1,048,576 bytes (1 MiB) (split its sweeps over several files", errors);
        AssertNoCrash(output + errors);
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public void A_where_nested_far_past_the_limit_is_refused_with_a_short_clear_message()
    {
        var spec = Files.Write(_folder, "ok.yaml", SpecFiles.Noop(name: "known", trials: 3, sleepMs: 0));
        Assert.Equal(0, SweepsProcess.Run(_folder, "run", spec).ExitCode);
        // Linux takes at most 128 KiB in one argument, so this is as deep as a command line goes (the CLI crashed at ~30,000);
        // the parser itself is tested a million deep in TrialFilterTests.
        var where = new string('(', 120_000) + "trial > 1" + new string(')', 1_000);

        var (code, output, errors) = SweepsProcess.Run(_folder, "query", "known", "--where", where);

        Assert.Equal(2, code);
        Assert.StartsWith("error: --where: parentheses and 'not' are nested more than 64 deep here; write the condition with fewer levels", errors);
        Assert.True(errors.Length < 1_000, $"the message shows the bad part, not the whole expression: {errors.Length} characters");
        AssertNoCrash(output + errors);
    }

    private static void AssertNoCrash(string text)
    {
        Assert.DoesNotContain("Stack overflow", text);
        Assert.DoesNotContain("Unhandled exception", text);
        Assert.DoesNotContain("   at ", text);
    }
}
