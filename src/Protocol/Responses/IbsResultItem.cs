using System.Text;
using System.Text.Json;

namespace Cabinets.Protocol.Responses;

/// <summary>
/// An element of a list <c>result</c> (IBS-PROTOCOL.md §7 result column). Closed family: each
/// writes exactly the field names of the seed, in the seed's order.
/// </summary>
public abstract record IbsResultItem
{
    private protected IbsResultItem()
    {
    }

    internal abstract void Write(Utf8JsonWriter writer);
}

/// <summary><c>apply_service</c> result: <c>{"record_num": "…"}</c>, the 10-digit record number.</summary>
public sealed record RecordNumResult(string RecordNum) : IbsResultItem
{
    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("record_num"u8, RecordNum);
        writer.WriteEndObject();
    }
}

/// <summary><c>get_ibs_address</c> result; <see cref="Place"/> is written as <c>palce</c> (sic, §6).</summary>
public sealed record AddressResult(string Province, string City, string Area, string Street, string Place) : IbsResultItem
{
    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("province"u8, Province);
        writer.WriteString("city"u8, City);
        writer.WriteString("area"u8, Area);
        writer.WriteString("street"u8, Street);
        writer.WriteString("palce"u8, Place);
        writer.WriteEndObject();
    }
}

/// <summary><c>synchronize_order_info</c> result: an order booked for the bank, not yet deposited.</summary>
public sealed record PendingOrderResult(string ReceivePhone, string OrderNum, string RecordNum) : IbsResultItem
{
    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("receive_phone"u8, ReceivePhone);
        writer.WriteString("order_num"u8, OrderNum);
        writer.WriteString("record_num"u8, RecordNum);
        writer.WriteEndObject();
    }

    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("ReceivePhone = ***, OrderNum = ").Append(OrderNum).Append(", RecordNum = ").Append(RecordNum);
        return true;
    }
}
