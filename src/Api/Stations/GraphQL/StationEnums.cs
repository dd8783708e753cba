using Cabinets.GraphQL.Types;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>
/// The station enums of TAX.md §4.3. Statuses keep the seed's numbers as their values (L839, L988),
/// so the domain's ints convert by a cast.
/// </summary>
internal static class StationEnums
{
    public enum TaxRuleStatus
    {
        Invalid = 0,
        Valid = 1,
    }

    public enum OrderStatus
    {
        Deleted = -1,
        WaitingSorting = 1,
        Sorting = 5,
        Delivering = 10,
        Signed = 15,
    }

    public enum PayStatus
    {
        Unpaid = 1,
        PartiallyPaid = 5,
        Paid = 10,
    }

    /// <summary>`edit` and `edit_old`; a forced merge happens only inside a create.</summary>
    public enum EditMode
    {
        Replace,
        Append,
    }

    /// <summary>Print type 1 (未编辑过的) and 2 (编辑过的), L1139.</summary>
    public enum SheetKind
    {
        Ordered = 1,
        Edited = 2,
    }

    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Enum<TaxRuleStatus>("TaxRuleStatus")
        .Enum<OrderStatus>("StationOrderStatus")
        .Enum<PayStatus>("StationPayStatus")
        .Enum<EditMode>("StationOrderEditMode")
        .Enum<SheetKind>("DeliverySheetKind");

    /// <summary>The GraphQL name of a status, for error extensions.</summary>
    public static string Name(OrderStatus status) => status switch
    {
        OrderStatus.Deleted => "DELETED",
        OrderStatus.WaitingSorting => "WAITING_SORTING",
        OrderStatus.Sorting => "SORTING",
        OrderStatus.Delivering => "DELIVERING",
        OrderStatus.Signed => "SIGNED",
        _ => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
