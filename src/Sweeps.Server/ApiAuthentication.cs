using Microsoft.AspNetCore.Http;

namespace Sweeps.Server;

/// <summary>
/// With TLS on, lets a request through only with a client certificate signed by the cluster's CA or with a bearer token
/// the cluster issued; anything else is 401 with what would work. Without TLS the API is open (a loopback-only node).
/// </summary>
internal sealed class ApiAuthentication(SweepsApi api) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var access = http.GetEndpoint()?.Metadata.GetMetadata<ApiAccess>() ?? ApiAccess.CertificateOrToken;
        if (api.Authority is null || access == ApiAccess.Anyone) return await next(context);

        var certificate = await http.Connection.GetClientCertificateAsync(http.RequestAborted);
        if (certificate is not null)
        {
            if (api.Authority.Signed(certificate)) return await next(context);
            return Refused($"the client certificate ({certificate.Subject}) is not signed by this cluster's CA; use one that `sweeps certs create-client` made with the cluster's CA");
        }
        if (access == ApiAccess.Certificate)
            return Refused("issuing a token needs a client certificate signed by the cluster's CA (--tls-certificate, with --tls-ca)");
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            if (api.Tokens.IsValid(authorization["Bearer ".Length..].Trim())) return await next(context);
            return Refused("the bearer token is not one this cluster issued; check it, or make one with `sweeps token create`");
        }
        return Refused("this API needs a client certificate signed by the cluster's CA (--tls-certificate with --tls-ca) or a token it issued (--token, or Authorization: Bearer ...)");
    }

    private static IResult Refused(string message) =>
        new Unauthorized(message);

    /// <summary>401 with a JSON error and the challenge a client expects.</summary>
    private sealed class Unauthorized(string message) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Json(new ApiError(message), ApiJson.Options, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(http);
        }
    }
}
