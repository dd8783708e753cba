using System.Text.Json;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Projections.Vending.ManualTasks;
using Cabinets.Projections.Vending.Complaints;
using Cabinets.Projections.Vending.Orders;
using Cabinets.Projections.Vending.Users;
using Npgsql;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>One line of a user's ticket ledger (§4.6 `TicketLedgerEntry`): a debit is negative.</summary>
internal sealed record TicketLedgerEntry(DateTimeOffset At, TicketEntryKind Kind, long Delta, long BalanceAfter, string? OrderNo, string? Reason, string? Actor);

public enum TicketEntryKind { Debit, Refund, Adjustment }

/// <summary>
/// The console's vending lists (VENDING.md §4.6) over the inline snapshots of
/// <c>src/Projections/Vending</c> (Marten's <c>mt_doc_*</c> tables; the flat fields are indexed in
/// <see cref="VendingModule"/>). Enums are compared as their CLR names, which the snapshots keep
/// flat as text. Nodes are the snapshots, read with the store's serializer
/// (<see cref="ConnectionResolver"/>'s <c>read</c>, see <see cref="VendingConnections"/>). Hidden columns (neither filterable nor
/// sortable by clients) narrow a list for a parent or a purpose.
/// </summary>
internal static class VendingLists
{
    /// <summary>Hidden: the orders of one user (`VendingUser.orders`, `userPhone:`), whatever the client's own `userId` filter says.</summary>
    public const string OwnerColumn = "owner";

    /// <summary>Hidden: only exception orders (`exceptionOrders`).</summary>
    public const string ExceptionColumn = "isException";

    /// <summary>Hidden: only the users with this phone's keyed hash (`vendingUsers(phone:)`).</summary>
    public const string PhoneHashColumn = "phoneHash";

    /// <summary>Hidden: one user's ledger.</summary>
    public const string LedgerStreamColumn = "stream";

    /// <summary>Hidden: the devices of one store (`Store.devices`), whatever the client's own `storeCode` filter says.</summary>
    public const string InStoreColumn = "inStore";

    // The catalog snapshots keep their state whole: its enums are the serializer's numbers (StoredEnum).
    public static ConnectionTable<StoreState> Stores { get; } = new(
        "Store", "Store", "public.mt_doc_vendingstoresnapshot d",
        [
            new("storeCode", "(d.data -> 'State' ->> 'StoreCode')", ColumnType.String),
            new("storeName", "(d.data -> 'State' ->> 'StoreName')", ColumnType.String),
            StoredEnum<StoreType>("storeType", "StoreType", "StoreType"),
            StoredEnum<StoreProperty>("storeProperty", "StoreProperty", "StoreProperty") with { Sortable = false },
            new("address", "(d.data -> 'State' ->> 'Address')", ColumnType.String) { Sortable = false },
            new("enabled", "((d.data -> 'State' ->> 'Enabled')::boolean)", ColumnType.Boolean) { Sortable = false },
            new("amountLimit", "((d.data -> 'State' ->> 'AmountLimit')::bigint)", ColumnType.Long) { Sortable = false },
            new("createdAt", "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'CreatedAt')", ColumnType.DateTime) { Filterable = false },
        ],
        key: ["storeCode"], Unread<StoreState>)
    {
        NodeType = "Store",
        Select = ["d.data -> 'State'"],
    };

    public static ConnectionTable<DeviceState> Devices { get; } = new(
        "Device", "Device", "public.mt_doc_vendingdevicesnapshot d",
        [
            new("deviceCode", "(d.data -> 'State' ->> 'DeviceCode')", ColumnType.String),
            new("storeCode", "(d.data -> 'State' ->> 'StoreCode')", ColumnType.String),
            StoredEnum<DeviceOnlineStatus>("onlineStatus", "OnlineStatus", "DeviceOnlineStatus"),
            StoredEnum<DeviceBindStatus>("bindStatus", "BindStatus", "DeviceBindStatus") with { Sortable = false },
            new("decommissioned", "((d.data -> 'State' ->> 'Decommissioned')::boolean)", ColumnType.Boolean) { Sortable = false },
            new("statusReportedAt", "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'StatusReportedAt')", ColumnType.DateTime) { Nullable = true },
            new(InStoreColumn, "(d.data -> 'State' ->> 'StoreCode')", ColumnType.String) { Filterable = false, Sortable = false },
        ],
        key: ["deviceCode"], Unread<DeviceState>)
    {
        NodeType = "Device",
        Select = ["d.data -> 'State'"],
    };

    public static ConnectionTable<ProductState> Products { get; } = new(
        "Product", "Product", "public.mt_doc_vendingproductsnapshot d",
        [
            new("productCode", "(d.data -> 'State' ->> 'ProductCode')", ColumnType.String),
            new("name", "(d.data -> 'State' ->> 'Name')", ColumnType.String),
            new("category", "(d.data -> 'State' ->> 'Category')", ColumnType.String),
            StoredEnum<ProductStatus>("status", "Status", "ProductStatus") with { Sortable = false },
            new("price", "((d.data -> 'State' ->> 'Price')::bigint)", ColumnType.Long),
            new("syncedAt", "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'SyncedAt')", ColumnType.DateTime),
        ],
        key: ["productCode"], Unread<ProductState>)
    {
        NodeType = "Product",
        Select = ["d.data -> 'State'"],
    };

    public static ConnectionTable<ManualTaskSnapshot> ManualTasks { get; } = new(
        "ManualTask", "ManualTask", "public.mt_doc_manualtasksnapshot d",
        [
            StoredEnum<ManualTaskKind>("kind", "Kind", "ManualTaskKind"),
            StoredEnum<ManualTaskStatus>("status", "Status", "ManualTaskStatus") with { Sortable = false },
            new("subject", "(d.data -> 'State' ->> 'Subject')", ColumnType.String) { Sortable = false },
            new("orderNo", "(d.data -> 'State' ->> 'OrderNo')", ColumnType.String) { Nullable = true, Sortable = false },
            new("deviceCode", "(d.data -> 'State' ->> 'DeviceCode')", ColumnType.String) { Nullable = true, Sortable = false },
            new("openedAt", "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'OpenedAt')", ColumnType.DateTime),
            new("lastAttemptAt", "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'LastAttemptAt')", ColumnType.DateTime) { Filterable = false },
            new("id", "d.id", ColumnType.String) { Filterable = false, Sortable = false },
        ],
        // openedAt first: with no `order`, the queue runs oldest first.
        key: ["openedAt", "id"], Unread<ManualTaskSnapshot>)
    {
        NodeType = "ManualTask",
        Select = ["d.data"],
    };

    public static ConnectionTable<VendingOrderSnapshot> Orders { get; } = new(
        "VendingOrder", "VendingOrder", "public.mt_doc_vendingordersnapshot d",
        [
            new("orderNo", "(d.data ->> 'OrderNo')", ColumnType.String),
            new("wheatOrderNo", "(d.data ->> 'WheatOrderNo')", ColumnType.String) { Nullable = true, Sortable = false },
            new("relatedOrderNo", "(d.data ->> 'RelatedOrderNo')", ColumnType.String) { Nullable = true, Sortable = false },
            new("storeCode", "(d.data ->> 'StoreCode')", ColumnType.String) { Sortable = false },
            new("deviceCode", "(d.data ->> 'DeviceCode')", ColumnType.String) { Sortable = false },
            new("userId", "(d.data ->> 'UserId')", ColumnType.Id) { Nullable = true, Sortable = false },
            Enum<VendingOrderType>("orderType", "OrderType", "VendingOrderType"),
            Enum<VendingPaymentType>("paymentType", "PaymentType", "VendingPaymentType"),
            Enum<VendingPaymentStatus>("paymentStatus", "PaymentStatus", "VendingPaymentStatus"),
            Enum<PaymentFailureReason>("failureReason", "FailureReason", "PaymentFailureReason") with { Nullable = true },
            Enum<ExceptionKind>("exceptionKind", "ExceptionKind", "ExceptionKind") with { Nullable = true },
            Enum<ReviewStatus>("reviewStatus", "ReviewStatus", "ReviewStatus") with { Nullable = true },
            new("totalAmount", "((d.data ->> 'TotalAmount')::bigint)", ColumnType.Long),
            new("orderTime", "public.mt_immutable_timestamptz(d.data ->> 'OrderTime')", ColumnType.DateTime),
            new("paidAt", "public.mt_immutable_timestamptz(d.data ->> 'PaidAt')", ColumnType.DateTime) { Nullable = true },
            new("hasOpenManualTask",
                "(exists (select 1 from public.mt_doc_manualtasksnapshot t where t.data ->> 'OrderNo' = d.data ->> 'OrderNo' and (t.data ->> 'Open')::boolean))",
                ColumnType.Boolean) { Sortable = false },
            new(OwnerColumn, "(d.data ->> 'UserId')", ColumnType.String) { Nullable = true, Filterable = false, Sortable = false },
            new(ExceptionColumn, "((d.data ->> 'ExceptionKind') is not null)", ColumnType.Boolean) { Filterable = false, Sortable = false },
        ],
        // orderTime first: with no `order`, lists run oldest first (exceptionOrders' default, §4.6); orderNo makes it total.
        key: ["orderTime", "orderNo"], Unread<VendingOrderSnapshot>)
    {
        NodeType = "VendingOrder",
        Select = ["d.data"],
    };

    public static ConnectionTable<VendingUserSnapshot> Users { get; } = new(
        "VendingUser", "VendingUser", "public.mt_doc_vendingusersnapshot d",
        [
            new("userId", "(d.data ->> 'Id')", ColumnType.Id) { Sortable = false },
            new("username", "(d.data -> 'State' ->> 'Username')", ColumnType.String) { Nullable = true },
            new("ticketBalance", "((d.data -> 'State' ->> 'TicketBalance')::bigint)", ColumnType.Long),
            new("payScoreAuthorized", "((d.data -> 'State' ->> 'PayScoreAuthorized')::boolean)", ColumnType.Boolean) { Sortable = false },
            new("createdAt", "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'CreatedAt')", ColumnType.DateTime),
            new(PhoneHashColumn, "(d.data ->> 'PhoneHash')", ColumnType.String) { Filterable = false, Sortable = false },
            new("id", "d.id", ColumnType.String) { Filterable = false, Sortable = false },
        ],
        key: ["createdAt", "id"], Unread<VendingUserSnapshot>)
    {
        NodeType = "VendingUser",
        Select = ["d.data"],
    };

    public static ConnectionTable<ComplaintSnapshot> Complaints { get; } = new(
        "Complaint", "Complaint", "public.mt_doc_complaintsnapshot d",
        [
            new("orderNo", "(d.data ->> 'OrderNo')", ColumnType.String) { Sortable = false },
            new("userId", "(d.data ->> 'UserId')", ColumnType.Id) { Sortable = false },
            Enum<ComplaintCategory>("category", "Category", "ComplaintCategory") with { Sortable = false },
            Enum<ComplaintStatus>("status", "Status", "ComplaintStatus") with { Sortable = false },
            new("filedAt", "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'FiledAt')", ColumnType.DateTime),
            new("resolvedAt", "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'ResolvedAt')", ColumnType.DateTime) { Nullable = true, Filterable = false },
            new("id", "d.id", ColumnType.String) { Filterable = false, Sortable = false },
        ],
        key: ["filedAt", "id"], Unread<ComplaintSnapshot>)
    {
        NodeType = "Complaint",
        Select = ["d.data"],
    };

    private static readonly string LedgerTypes = string.Join(", ",
        new[] { typeof(TicketsDebited), typeof(TicketsCredited), typeof(TicketsAdjusted) }.Select(t => $"'{Hosting.StoredEventNames.NameOf(t)}'"));

    /// <summary>A user's ticket events in `mt_events`, in the order they were committed (global sequence).</summary>
    public static ConnectionTable<TicketLedgerEntry> Ledger { get; } = new(
        "TicketLedgerEntry", "TicketLedgerEntry", $"(select * from public.mt_events where type in ({LedgerTypes})) e",
        [
            new("at", "e.timestamp", ColumnType.DateTime),
            new("seq", "e.seq_id", ColumnType.Long) { Filterable = false, Sortable = false },
            new(LedgerStreamColumn, "e.stream_id", ColumnType.String) { Filterable = false, Sortable = false },
        ],
        key: ["seq"], ReadLedgerEntry)
    {
        NodeType = "TicketLedgerEntry",
        Select = ["e.type", "e.data::text", "e.timestamp", "e.user_name"],
    };

    private static TicketLedgerEntry ReadLedgerEntry(NpgsqlDataReader r)
    {
        using var json = JsonDocument.Parse(r.GetString(1));
        var data = json.RootElement;
        long Long(string name) => data.GetProperty(name).GetInt64();
        string? Text(string name) => data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var at = r.GetFieldValue<DateTimeOffset>(2);
        var actor = r.IsDBNull(3) ? null : r.GetString(3);
        var type = r.GetString(0);
        if (type == Hosting.StoredEventNames.NameOf(typeof(TicketsDebited)))
            return new(at, TicketEntryKind.Debit, -Long("Tickets"), Long("BalanceAfter"), Text("OrderNo"), null, actor);
        if (type == Hosting.StoredEventNames.NameOf(typeof(TicketsCredited)))
            return new(at, TicketEntryKind.Refund, Long("Tickets"), Long("BalanceAfter"), Text("OrderNo"), null, actor);
        return new(at, TicketEntryKind.Adjustment, Long("Delta"), Long("BalanceAfter"), null, Text("Reason"), actor);
    }

    /// <summary>A flat enum field of a snapshot, its CLR name as text.</summary>
    private static ConnectionColumn Enum<TEnum>(string field, string property, string graphQLType) where TEnum : struct, System.Enum =>
        new(field, $"(d.data ->> '{property}')", ColumnType.Enum)
        {
            Enum = new EnumColumn(graphQLType, v => ((TEnum)v).ToString()),
        };

    /// <summary>
    /// An enum inside a snapshot's state, as the serializer wrote it (its number), padded to three
    /// digits so that text order is declaration order.
    /// </summary>
    private static ConnectionColumn StoredEnum<TEnum>(string field, string property, string graphQLType) where TEnum : struct, System.Enum =>
        new(field, $"lpad(d.data -> 'State' ->> '{property}', 3, '0')", ColumnType.Enum)
        {
            Enum = new EnumColumn(graphQLType, v => Convert.ToInt32((TEnum)v, System.Globalization.CultureInfo.InvariantCulture).ToString("D3", System.Globalization.CultureInfo.InvariantCulture)),
        };

    /// <summary>These tables' nodes are read with the store's serializer, by <see cref="VendingConnections"/>.</summary>
    private static T Unread<T>(NpgsqlDataReader _) =>
        throw new InvalidOperationException("a vending list reads its nodes with the store's serializer (VendingConnections)");
}
