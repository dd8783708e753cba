using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;
using Cabinets.Protocol;
using Cabinets.Station.Bench;
using static Cabinets.Lockers.Bench.BenchApi;
using Npgsql;

namespace Cabinets.Lockers.Bench;

/// <summary>One count through the Api over loopback HTTP: GraphQL and IBS, each answer checked and its count kept.</summary>
internal sealed partial class FreeDoorCountBenchmark
{
    private static async Task<int> GraphQLAsync(HttpClient http, string token, byte[] body, Counts counts, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode) return 0;
        using var answer = JsonDocument.Parse(text);
        if (answer.RootElement.TryGetProperty("errors", out _) || !answer.RootElement.TryGetProperty("data", out var data)) return 0;
        counts.Add(data.GetProperty("freeDoorCount").GetInt32());
        return 1;
    }

    private static async Task<int> IbsAsync(HttpClient http, IbsCodec codec, byte[] frame, Counts counts, CancellationToken ct)
    {
        using var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        using var response = await http.PostAsync("/ibs", content, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode || codec.TryOpenFrame(body, out _, out var json) is not null) return 0;
        using var answer = JsonDocument.Parse(json);
        if (answer.RootElement.GetProperty("code").GetInt32() != 0) return 0;
        counts.Add(answer.RootElement.GetProperty("result").GetInt64());
        return 1;
    }
}
