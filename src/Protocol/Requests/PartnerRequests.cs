using System.Text;
using Cabinets.Protocol.Json;

namespace Cabinets.Protocol.Requests;

/// <summary><c>count_locker_num</c>: free usable doors matching an address, size and property (§7).</summary>
public sealed record CountLockerNumRequest : IbsRequest<DoorQuery>
{
    internal CountLockerNumRequest(IReadOnlyList<DoorQuery> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.CountLockerNum;

    internal static DoorQuery ReadItem(FieldReader f) =>
        new(f.Address(), f.Size("locker_size"), f.Property("property_name"));
}

/// <summary>Null size or property means "any" (§6).</summary>
public sealed record DoorQuery(AddressFilter Address, DoorSize? Size, DoorProperty? Property);

/// <summary>
/// <c>apply_service</c>: a partner (authorized by <c>code</c>) books a door at a matching bank;
/// the answer is <c>[{record_num}]</c> (§7).
/// </summary>
public sealed record ApplyServiceRequest : IbsRequest<ServiceApplication>
{
    internal ApplyServiceRequest(IReadOnlyList<ServiceApplication> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.ApplyService;

    internal static ServiceApplication ReadItem(FieldReader f)
    {
        var address = f.Address();
        var order = f.OrderNum("order_num");
        var name = f.Text("name");
        var phone = f.Phone("receive_phone");
        var size = f.Size("locker_size");
        var property = f.Property("property_name");
        var code = f.Text("code", FieldReader.MaxCode);
        return new ServiceApplication(address, order, name, phone, size, property, code);
    }
}

public sealed record ServiceApplication(
    AddressFilter Address, string OrderNum, string Name, string ReceivePhone, DoorSize? Size, DoorProperty? Property, string Code)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Address = {Address}, OrderNum = {OrderNum}, Name = {Redact.Hidden}, ReceivePhone = {Redact.Hidden}, ");
        builder.Append($"Size = {Size}, Property = {Property}, Code = {Redact.Hidden}");
        return true;
    }
}

/// <summary><c>get_ibs_address</c>: addresses with banks the partner may use (§7).</summary>
public sealed record GetIbsAddressRequest : IbsRequest<AddressQuery>
{
    internal GetIbsAddressRequest(IReadOnlyList<AddressQuery> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.GetIbsAddress;

    internal static AddressQuery ReadItem(FieldReader f) => new(f.Text("code", FieldReader.MaxCode));
}

/// <summary>The partner's authorization <c>code</c>: a secret, never printed.</summary>
public sealed record AddressQuery(string Code)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Code = {Redact.Hidden}");
        return true;
    }
}
