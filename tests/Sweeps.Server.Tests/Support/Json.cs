using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Sweeps.Server.Tests.Support;

/// <summary>Requests and answers as raw JSON, so the tests check the wire format itself rather than the client's reading of it.</summary>
public static class Json
{
    public static async Task<(int Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? body = null, string contentType = "application/yaml")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"{method} {path}: {(int)response.StatusCode} with an empty body");
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public static Task<(int Status, JsonElement Body)> GetAsync(HttpClient http, string path) => SendAsync(http, HttpMethod.Get, path);

    public static Task<(int Status, JsonElement Body)> PostAsync(HttpClient http, string path, string? body = null, string contentType = "application/yaml") =>
        SendAsync(http, HttpMethod.Post, path, body, contentType);

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static long Number(this JsonElement element, string property) => element.GetProperty(property).GetInt64();
}
