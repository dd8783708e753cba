using System.Text.Json;

namespace Cabinets.Api.Vending.Ports.Vendor;

/// <summary>
/// The file adapters' sink (VENDING.md §4.3, `<Port>__Provider=file`): one JSON line per request in
/// `.data/outbound/<port>.jsonl` — when, which operation, the idempotency key and the body — so a
/// developer sees what would have been sent. Lines are appended whole, one writer at a time.
/// </summary>
internal sealed class OutboundFile(string path, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim gate = new(1, 1);

    public string Path => path;

    public async Task AppendAsync(string operation, string idempotencyKey, object? body, CancellationToken ct)
    {
        var line = JsonSerializer.Serialize(new { at = clock.GetUtcNow(), operation, idempotencyKey, body }, Json) + "\n";
        await gate.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            await File.AppendAllTextAsync(path, line, ct);
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>The vendor as a file: every request recorded, every request accepted.</summary>
internal sealed class FileVendorGateway(OutboundFile file) : IVendorGateway
{
    public Task OpenDoorAsync(VendorOpenDoorRequest request, CancellationToken ct) => file.AppendAsync("POST /api/v1/doors/open", request.CommandId, request, ct);

    public Task BindDeviceAsync(VendorBindDeviceRequest request, CancellationToken ct) => file.AppendAsync("POST /api/v1/devices/bind", request.RequestId, request, ct);

    public Task UnbindDeviceAsync(VendorUnbindDeviceRequest request, CancellationToken ct) => file.AppendAsync("POST /api/v1/devices/unbind", request.RequestId, request, ct);
}
