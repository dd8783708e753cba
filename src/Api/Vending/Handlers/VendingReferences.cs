namespace Cabinets.Api.Vending.Handlers;

/// <summary>
/// What a WeChat `out_order_no` or `out_refund_no` belongs to: written with the events that start
/// the payment, session or refund (<see cref="StreamSet"/>), read by the WeChat callbacks and the
/// outbound handlers. A payment number first names a session (the service order made at scan), then
/// the order that completes it.
/// </summary>
public sealed class VendingReference
{
    public string Id { get; set; } = "";

    public string? OrderNo { get; set; }

    public string? SessionNo { get; set; }
}
