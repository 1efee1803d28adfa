namespace Sweeps.Cli.Tests.Support;

/// <summary>A process as the kernel knows it: its pid and start time, so a reused pid is never taken for it.</summary>
internal sealed record RunningProcess(int Pid, long StartTime)
{
    public static RunningProcess? Find(int pid) => Read(pid) is { } stat ? new RunningProcess(pid, stat.StartTime) : null;

    /// <summary>Still there and not a zombie waiting to be reaped.</summary>
    public bool IsRunning => Read(Pid) is { } stat && stat.StartTime == StartTime && stat.State != 'Z';

    /// <summary>Every process below the given one (children, their children...), from /proc.</summary>
    public static IReadOnlyList<RunningProcess> Descendants(int pid)
    {
        var children = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
            .Where(p => p > 0)
            .Select(p => (Pid: p, Stat: Read(p)))
            .Where(p => p.Stat is not null)
            .ToLookup(p => p.Stat!.Value.Parent, p => new RunningProcess(p.Pid, p.Stat!.Value.StartTime));
        var found = new List<RunningProcess>();
        var next = new Queue<int>([pid]);
        while (next.TryDequeue(out var parent))
            foreach (var child in children[parent]) { found.Add(child); next.Enqueue(child.Pid); }
        return found;
    }

    /// <summary>Its command line, words joined by blanks ("" once it has gone).</summary>
    public string CommandLine
    {
        get
        {
            try { return File.ReadAllText($"/proc/{Pid}/cmdline").Replace('\0', ' ').Trim(); }
            catch (IOException) { return ""; }
        }
    }

    public void Kill(string signal = "KILL")
    {
        if (IsRunning) System.Diagnostics.Process.Start("kill", [$"-{signal}", Pid.ToString()])!.WaitForExit();
    }

    private static (char State, int Parent, long StartTime)? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: the fields that follow start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1]), long.Parse(fields[19]));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
