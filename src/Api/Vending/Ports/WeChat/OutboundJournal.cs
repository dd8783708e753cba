using System.Text.Json.Serialization;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// The file adapters' journal (VENDING.md §4.3): each request one JSON line
/// `{"at", "operation", "path", "body"}` appended to a file under `.data/outbound/`. Writers in this
/// process take turns; another process on the same checkout is kept apart by the exclusive lock of
/// <see cref="FileShare.None"/> (as the SMS file sink), so lines never interleave. The lines hold
/// what WeChat would have received, openids included: a developer's file, never a deployment's.
/// </summary>
public sealed class OutboundJournal(string path, TimeProvider clock)
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public string Path { get; } = path;

    public async Task AppendAsync(string operation, string requestPath, object? body, CancellationToken ct)
    {
        var line = System.Text.Encoding.UTF8.GetBytes(WeChatJson.Serialize(new Line(clock.GetUtcNow(), operation, requestPath, body)) + "\n");
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

    private sealed record Line(DateTimeOffset At, string Operation, string Path, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? Body);
}
