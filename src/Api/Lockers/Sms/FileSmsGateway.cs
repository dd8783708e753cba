using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Cabinets.Api.Lockers.Sms;

/// <summary>
/// The Development sink of API-CONTRACT.md: each message is one JSON line
/// `{"to": "...", "text": "...", "at": "..."}` appended to `Sms__FilePath`. Writers in this process
/// take turns on a semaphore; writers in other processes (a second node on the same checkout) are
/// kept apart by the exclusive lock .NET takes for <see cref="FileShare.None"/>, so lines never
/// interleave. This file holds texts in clear: it is a developer's inbox, never a deployment's.
/// </summary>
public sealed class FileSmsGateway(string path, TimeProvider clock) : ISmsGateway
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    private readonly SemaphoreSlim _turn = new(1, 1);

    public string Path { get; } = path;

    public async Task SendAsync(OutgoingSms sms, CancellationToken ct)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(new Line(sms.To, sms.Text, clock.GetUtcNow()), Json);
        Array.Resize(ref line, line.Length + 1);
        line[^1] = (byte)'\n';

        await _turn.WaitAsync(ct);
        try
        {
            await using var file = await OpenExclusiveAsync(ct);
            await file.WriteAsync(line, ct);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<FileStream> OpenExclusiveAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
            }
            catch (IOException) when (attempt < 400) // another process holds the lock for one short write
            {
                await Task.Delay(5, ct);
            }
        }
    }

    private sealed record Line(
        [property: System.Text.Json.Serialization.JsonPropertyName("to")] string To,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text,
        [property: System.Text.Json.Serialization.JsonPropertyName("at")] DateTimeOffset At);
}
