namespace Sweeps.Command.Tests.Support;

/// <summary>A throw-away folder with shell scripts written at test time, and the work folder jobs keep their files in.</summary>
public sealed class Scripts : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("sweeps-command-").FullName;

    public string WorkDirectory => Path.Combine(Folder, "work");

    /// <summary>Writes an executable <c>sh</c> script and returns its full path.</summary>
    public string Write(string name, string body)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Whether process <paramref name="pid"/> is still alive (a zombie counts as gone: it runs nothing).</summary>
    public static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return false;
        try
        {
            return !File.ReadAllLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains("zombie"));
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Waits (generously: the machine is loaded) until <paramref name="condition"/> holds; false if it never did.</summary>
    public static bool Eventually(Func<bool> condition, double seconds = 60)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (condition()) return true;
            Thread.Sleep(50);
        }
        return condition();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
