using PuppeteerSharp;

namespace Sweeps.Report.Tests.Support;

/// <summary>Debian's headless Chromium (never a downloaded one), as every browser test starts it.</summary>
internal static class Chromium
{
    public static async Task<IBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(NeedsChromiumFactAttribute.Executable),
            $"{NeedsChromiumFactAttribute.Executable} is missing: CI=true needs the browser tests to run (.ci/run installs chromium)");
        return await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = NeedsChromiumFactAttribute.Executable,
            Headless = true,
            Args = ["--no-sandbox", "--headless"],
            Timeout = 0, // a loaded machine may start it slowly; the test host's own timeout still stands
        });
    }

    /// <summary>Collects what the page logs as an error (console errors and uncaught exceptions) and dismisses every dialog, noting it.</summary>
    public static (List<string> Errors, List<string> Dialogs) Watch(IPage page)
    {
        var errors = new List<string>();
        var dialogs = new List<string>();
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) lock (errors) errors.Add(e.Message.Text); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e.Message); };
        page.Dialog += async (_, e) =>
        {
            lock (dialogs) dialogs.Add(e.Dialog.Message);
            await e.Dialog.Dismiss();
        };
        return (errors, dialogs);
    }
}
