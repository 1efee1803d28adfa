using System.Text;
using Microsoft.AspNetCore.Http;

namespace Sweeps.Server;

/// <summary>Reads a request body as UTF-8 text, refusing it (413) past a size limit without reading the rest.</summary>
internal static class RequestBody
{
    public static async Task<string> ReadTextAsync(HttpRequest request, int limit, CancellationToken cancellation)
    {
        if (request.ContentLength > limit) throw TooLarge(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(limit);
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new ApiProblem(StatusCodes.Status400BadRequest, "the body is not UTF-8 text; send the spec's YAML as UTF-8");
        }
    }

    private static ApiProblem TooLarge(int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {limit / 1024} KiB, the most a spec may be; split the sweeps into several files");
}
