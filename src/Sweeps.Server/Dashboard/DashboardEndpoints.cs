using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serilog;
using Sweeps.Core.Spec;
using Sweeps.Report;
using Sweeps.Store;

namespace Sweeps.Server.Dashboard;

/// <summary>
/// The dashboard's pages, one implementation for <c>sweeps dashboard</c> and a coordinator's HTTP API (under /dashboard):
/// the sweeps with their progress, a page per sweep with its running and best trials and the report's figures, and the
/// parts the page's script fetches to update itself. Read-only: every route is a GET. Needs a <see cref="DashboardData"/> service.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>The most running trials a page lists (<c>?running=N</c>).</summary>
    public const int MostRunningShown = 200;

    private const int RunningShown = 20;

    /// <param name="prefix">Where the pages live: "" at the root, or "/dashboard".</param>
    public static RouteGroupBuilder MapSweepsDashboard(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var group = endpoints.MapGroup(prefix);
        group.MapGet("/", (DashboardData data, HttpContext http) => Guarded(http, async () =>
            Page(http, "Sweeps", $"<header><h1>Sweeps</h1><p class=\"facts\">{Html.Escape(data.Store.Location.Display)}</p></header>" +
                $"<section id=\"sweeps\" data-src=\"{prefix}/live\">{DashboardHtml.Sweeps(prefix, await data.SweepsAsync(http.RequestAborted))}</section>")));
        group.MapGet("/live", (DashboardData data, HttpContext http) => Guarded(http, async () =>
            Part(http, DashboardHtml.Sweeps(prefix, await data.SweepsAsync(http.RequestAborted)))));
        group.MapGet("/sweeps/{name}", (string name, DashboardData data, HttpContext http) => Guarded(http, async () =>
        {
            var sweep = await FindAsync(name, data, http);
            var link = DashboardHtml.SweepLink(prefix, sweep.Name);
            var running = http.Request.Query.ContainsKey("running") ? $"?running={RunningShownBy(http)}" : "";
            return Page(http, $"{sweep.Name}: sweeps dashboard",
                $"<nav><a href=\"{prefix}/\">all sweeps</a></nav><header><h1 id=\"sweep-name\">{Html.Escape(sweep.Name)}</h1></header>" +
                $"<section id=\"progress\" data-src=\"{Html.Escape(link + "/live" + running)}\">{DashboardHtml.Progress(sweep)}</section>" +
                $"<div id=\"figures\" data-slow=\"1\" data-src=\"{Html.Escape(link + "/figures")}\">{data.Figures(sweep)}</div>");
        }));
        group.MapGet("/sweeps/{name}/live", (string name, DashboardData data, HttpContext http) => Guarded(http, async () =>
            Part(http, DashboardHtml.Progress(await FindAsync(name, data, http)))));
        group.MapGet("/sweeps/{name}/figures", (string name, DashboardData data, HttpContext http) => Guarded(http, async () =>
        {
            var sweep = await FindAsync(name, data, http);
            return Part(http, data.Figures(sweep));
        }));
        return group;
    }

    private static async Task<SweepView> FindAsync(string name, DashboardData data, HttpContext http)
    {
        var shown = RunningShownBy(http);
        // A name the store holds is shown whatever it is; any other that could not be a sweep's name is refused as such.
        if (name.Length > SweepName.MaxLength) throw new Refusal(StatusCodes.Status400BadRequest, $"a sweep name is at most {SweepName.MaxLength} characters");
        return await data.SweepAsync(name, shown, http.RequestAborted)
            ?? throw (SweepName.IsValid(name)
                ? new Refusal(StatusCodes.Status404NotFound, $"no sweep named '{name}' in this store; the dashboard's first page lists them")
                : new Refusal(StatusCodes.Status400BadRequest, $"'{name}' is not a sweep name: {SweepName.Rule}"));
    }

    /// <summary><c>?running=N</c>: how many running trials to list, a whole number from 1 to <see cref="MostRunningShown"/>.</summary>
    private static int RunningShownBy(HttpContext http)
    {
        if (!http.Request.Query.TryGetValue("running", out var text)) return RunningShown;
        if (text.Count != 1 || !int.TryParse(text[0], NumberStyles.None, CultureInfo.InvariantCulture, out var shown) || shown is < 1 or > MostRunningShown)
            throw new Refusal(StatusCodes.Status400BadRequest, $"running: give how many running trials to list as one whole number from 1 to {MostRunningShown}");
        return shown;
    }

    /// <summary>A refusal or an unreadable store as a short plain-text answer with its status, never a 500.</summary>
    private static async Task<IResult> Guarded(HttpContext http, Func<Task<IResult>> answer)
    {
        try
        {
            return await answer();
        }
        catch (Refusal e)
        {
            return Text(http, e.Status, e.Message);
        }
        catch (StoreException e)
        {
            Log.Warning("Dashboard: the results store cannot be read: {Problem}", e.Message);
            return Text(http, StatusCodes.Status503ServiceUnavailable, $"the results store cannot be read: {e.Message}");
        }
    }

    private static IResult Page(HttpContext http, string title, string body)
    {
        Secure(http.Response);
        return Results.Content(DashboardHtml.Page(title, body), "text/html; charset=utf-8");
    }

    private static IResult Part(HttpContext http, string html)
    {
        Secure(http.Response);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult Text(HttpContext http, int status, string message)
    {
        Secure(http.Response);
        return Results.Text(message + "\n", "text/plain; charset=utf-8", statusCode: status);
    }

    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = DashboardScript.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private sealed class Refusal(int status, string message) : Exception(message)
    {
        public int Status { get; } = status;
    }
}
