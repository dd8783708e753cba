using Cabinets.Domain.Lockers.Cabinets;

namespace Cabinets.Projections.Lockers.FreeDoors;

/// <summary>The one-letter codes <c>rm.doors.size</c> stores (L/M/S), for readers outside this assembly such as GraphQL lists.</summary>
public static class DoorSizeCodes
{
    public static string Of(DoorSize size) => size switch
    {
        DoorSize.Large => "L",
        DoorSize.Medium => "M",
        _ => "S",
    };

    public static DoorSize Parse(string code) => code switch
    {
        "L" => DoorSize.Large,
        "M" => DoorSize.Medium,
        _ => DoorSize.Small,
    };
}

/// <summary>What <c>rm.doors.fault</c> holds: null in service, else the contract's door status.</summary>
public static class DoorFaultCodes
{
    public const string Faulted = "FAULTED";
    public const string AwaitingRepairConfirmation = "AWAITING_REPAIR_CONFIRMATION";
}
