using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Cabinets;
using Marten;
using Wolverine;

namespace Cabinets.Api.Lockers.Handlers;

/// <summary>`locker_exception`.</summary>
public static class ReportCabinetFaultHandler
{
    public static Task<CommandOutcome> Handle(ReportCabinetFault command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        CabinetStream.DecideAsync(command, session, messages, ct);
}

/// <summary>`single_exception`.</summary>
public static class ReportDoorFaultHandler
{
    public static Task<CommandOutcome> Handle(ReportDoorFault command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        CabinetStream.DecideAsync(command, session, messages, ct);
}

/// <summary>`single_repair`.</summary>
public static class ReportDoorRepairedHandler
{
    public static Task<CommandOutcome> Handle(ReportDoorRepaired command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        CabinetStream.DecideAsync(command, session, messages, ct);
}

/// <summary>The admin `confirmDoorRepair`.</summary>
public static class ConfirmDoorRepairHandler
{
    public static Task<CommandOutcome> Handle(ConfirmDoorRepair command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        CabinetStream.DecideAsync(command, session, messages, ct);
}
