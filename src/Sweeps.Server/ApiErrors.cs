using Microsoft.AspNetCore.Http;
using Serilog;
using Sweeps.Store;

namespace Sweeps.Server;

/// <summary>Turns what an endpoint refuses or cannot do into <c>{"error": ...}</c> with the right status code.</summary>
internal sealed class ApiErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ApiProblem e)
        {
            return Error(e.Status, new ApiError(e.Message) { Problems = e.Problems, Sweeps = e.Sweeps });
        }
        catch (CoordinatorUnavailable e)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, new ApiError(e.Message));
        }
        catch (StoreException e)
        {
            Log.Warning("HTTP API: the results store cannot be read: {Problem}", e.Message);
            return Error(StatusCodes.Status503ServiceUnavailable, new ApiError($"the results store cannot be read: {e.Message}"));
        }
        catch (BadHttpRequestException e)
        {
            return Error(e.StatusCode, new ApiError(e.Message));
        }
    }

    private static IResult Error(int status, ApiError error) => Results.Json(error, ApiJson.Options, statusCode: status);
}
