namespace Cabinets.Api.Vending.Ports.Vendor;

/// <summary>The vendor (小麦) over HTTP (VENDING.md §4.3): signed JSON POSTs, `Idempotency-Key` = the id in the body.</summary>
internal sealed class HttpVendorGateway(SignedJsonClient client) : IVendorGateway
{
    public Task OpenDoorAsync(VendorOpenDoorRequest request, CancellationToken ct) =>
        client.SendAsync(HttpMethod.Post, "/api/v1/doors/open", request, request.CommandId, ct);

    public Task BindDeviceAsync(VendorBindDeviceRequest request, CancellationToken ct) =>
        client.SendAsync(HttpMethod.Post, "/api/v1/devices/bind", request, request.RequestId, ct);

    public Task UnbindDeviceAsync(VendorUnbindDeviceRequest request, CancellationToken ct) =>
        client.SendAsync(HttpMethod.Post, "/api/v1/devices/unbind", request, request.RequestId, ct);
}
