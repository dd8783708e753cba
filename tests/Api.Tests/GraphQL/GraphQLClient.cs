using System.Net.Http.Json;
using System.Text.Json;

namespace Cabinets.Api.Tests.GraphQL;

public static class GraphQLClient
{
    public sealed record Response(int Status, string ContentType, JsonElement Body)
    {
        public JsonElement Data => Body.GetProperty("data");
        public JsonElement[] Errors => Body.TryGetProperty("errors", out var e) ? e.EnumerateArray().ToArray() : [];
    }

    public static async Task<Response> PostGraphQLAsync(this HttpClient http, string query, object? variables = null,
        string accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd(accept);
        return await SendAsync(http, request);
    }

    public static async Task<Response> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Response((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "",
            JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }
}
