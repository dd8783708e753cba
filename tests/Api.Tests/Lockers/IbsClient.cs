using System.Net;
using System.Text;
using System.Text.Json;
using Cabinets.Protocol;

namespace Cabinets.Api.Tests.Lockers;

/// <summary>A firmware simulator: encrypts JSON into frames, posts them to /ibs, opens the answer.</summary>
public sealed class IbsClient(HttpClient http)
{
    private readonly IbsCodec _codec = new();

    public sealed record Answer(JsonElement Result, int Code, string Msg);

    public Task<Answer> SendAsync(string method, object payload) =>
        SendFrameAsync(_codec.EncodeFrame(method, JsonSerializer.SerializeToUtf8Bytes(payload)));

    public async Task<Answer> SendFrameAsync(byte[] frame)
    {
        using var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new("text/plain") { CharSet = "utf-8" };
        using var response = await http.PostAsync("/ibs", content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsByteArrayAsync();
        _codec.TryOpenFrame(body, out _, out var json).ShouldBeNull(Encoding.UTF8.GetString(body));
        var root = JsonDocument.Parse(json).RootElement;
        return new Answer(root.GetProperty("result").Clone(), root.GetProperty("code").GetInt32(), root.GetProperty("msg").GetString()!);
    }

    public byte[] Frame(string method, object payload) => _codec.EncodeFrame(method, JsonSerializer.SerializeToUtf8Bytes(payload));
}
