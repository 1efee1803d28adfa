using System.Security.Cryptography;
using System.Text;

namespace Sweeps.Server.Dashboard;

/// <summary>
/// The page's only script: every so often it fetches each <c>data-src</c> part from the dashboard's own origin and puts it
/// in place; the slow parts (figures) only while they were drawn at another count of finished trials than the progress
/// shows (<c>data-drawn</c> against <c>data-done</c>), and not more than every few seconds.
/// The Content-Security-Policy allows exactly this script, by its hash, and nothing else.
/// </summary>
internal static class DashboardScript
{
    public const string Text =
        "(()=>{const parts=[...document.querySelectorAll('[data-src]')];" +
        "const count=k=>document.querySelector(`[data-${k}]`)?.getAttribute(`data-${k}`);let at=Date.now();" +
        "const load=async el=>{const r=await fetch(el.dataset.src,{cache:'no-store'});if(r.ok)el.innerHTML=await r.text();};" +
        "const tick=async()=>{try{for(const el of parts)if(!el.dataset.slow)await load(el);" +
        "if(count('done')!==count('drawn')&&Date.now()-at>4000){at=Date.now();for(const el of parts)if(el.dataset.slow)await load(el);}" +
        "document.body.dataset.updates=String(+(document.body.dataset.updates||0)+1);}catch(e){}setTimeout(tick,1500);};" +
        "setTimeout(tick,1500);})();";

    /// <summary>The script's hash as a CSP source: <c>'sha256-...'</c>.</summary>
    public static string Hash { get; } = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Text)))}'";

    /// <summary>No other origin, no other script, no plugin, no frame: the page talks only to where it came from.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; script-src {Hash}; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}
