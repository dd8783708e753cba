using Cabinets.Api.Commands;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;
using Cabinets.Protocol;
using Cabinets.Protocol.Requests;
using Cabinets.Protocol.Responses;
using Npgsql;
using P = Cabinets.Protocol.Requests;

namespace Cabinets.Api.Lockers.Ibs;

/// <summary>
/// Turns a decoded IBS request into commands for their Wolverine handlers (or a read-model query) and the
/// outcome into a response. Retries are safe by state: every door command is convergent, so a
/// repeated frame decides no new events and gets the same answer (ADR-0006).
/// </summary>
internal sealed class IbsFrameDispatcher(
    CommandSender commands, DoorStatusBatcher doorReports, DoorStatusBatching batching, NpgsqlDataSource db, IbsSettings settings, IbsParcelMethods parcels, TimeProvider clock)
{
    public async Task<IbsResponse> HandleAsync(IbsRequest request, string correlationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return request switch
        {
            InsertLockerInfoRequest r => await OneBank(r.Items.Select(i => i.SeriesNumber), serial =>
                Run(new RegisterCabinetBank(serial, r.Items[0].Type, SubCabinets(r.Items[0]), now, settings.AutoProvision), serial, correlationId, ct)),
            InsertSingleInfoRequest r => await OneBank(r.Items.Select(i => i.SeriesNumber), serial =>
                Run(new RegisterDoors(serial, r.Items.Select(ToDomain).ToList(), now), serial, correlationId, ct)),
            InsertSingleStatusRequest r => await OneBank(r.Items.Select(i => i.SeriesNumber), serial =>
                ReportDoors(new ReportDoorStatus(serial, r.Items.Select(i => new Domain.Lockers.Cabinets.DoorStatusReport(i.Door, i.Occupied)).ToList(), now),
                    correlationId, ct)),
            CountLockerNumRequest r => r.Items.Count == 1
                ? IbsResponse.Ok(await FreeDoorQueries.CountAsync(db, ToFilter(r.Items[0]), ct))
                : Invalid("count_locker_num takes exactly one query"),
            VerifyOrderNumRequest r => r.Items.Count == 1 ? await parcels.VerifyOrderAsync(r.Items[0], ct) : Invalid("verify_order_num takes exactly one order"),
            RecieveVerifyNumRequest r => r.Items.Count == 1
                ? await parcels.DepositAsync(r.Items[0], Firmware(r.Items[0].SeriesNum, correlationId), ct)
                : Invalid("recieve_verify_num takes exactly one deposit"),
            SynchronizeOrderInfoRequest r => r.Items.Count == 1 ? await parcels.SynchronizeAsync(r.Items[0], ct) : Invalid("synchronize_order_info takes exactly one bank"),
            TakeByVerifyNumRequest r => r.Items.Count == 1
                ? await parcels.PickUpAsync(r.Items[0], Firmware(r.Items[0].SeriesNum ?? "", correlationId), ct)
                : Invalid("take_by_verify_num takes exactly one code"),
            LockerExceptionRequest r => r.Items.Count == 1
                ? await parcels.CabinetFaultAsync(r.Items[0], Firmware(r.Items[0].MainSeriesNumber, correlationId), ct)
                : Invalid("locker_exception takes exactly one fault"),
            SingleExceptionRequest r => await OneBank(r.Items.Select(i => i.SeriesNumber), serial =>
                parcels.DoorsAsync(r.Items.Select(i => new ReportDoorFault(serial, i.Door, now)), Firmware(serial, correlationId), ct)),
            SingleRepairRequest r => await OneBank(r.Items.Select(i => i.SeriesNumber), serial =>
                parcels.DoorsAsync(r.Items.Select(i => new ReportDoorRepaired(serial, i.Door, now)), Firmware(serial, correlationId), ct)),
            ApplyServiceRequest r => r.Items.Count == 1 ? await parcels.ApplyAsync(r.Items[0], correlationId, ct) : Invalid("apply_service takes exactly one booking"),
            GetIbsAddressRequest r => r.Items.Count == 1 ? await parcels.AddressesAsync(r.Items[0], ct) : Invalid("get_ibs_address takes exactly one code"),
            _ => IbsResponse.Failure(new IbsError(IbsErrorCode.UnknownMethod, $"{request.Method} is not a method of this protocol")),
        };
    }

    /// <summary>A frame speaks for one bank (its main cabinet's serial, §6): one stream, one transaction.</summary>
    private static async Task<IbsResponse> OneBank(IEnumerable<string> serials, Func<string, Task<IbsResponse>> run)
    {
        var distinct = serials.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? await run(distinct[0]) : Invalid("all items of a frame must carry the same series_number");
    }

    private async Task<IbsResponse> Run(CabinetCommand command, string serial, string correlationId, CancellationToken ct) =>
        ToResponse(await commands.SendAsync(command, Firmware(serial, correlationId), ct));

    /// <summary>The hot path: door reports go through the batcher unless batching is switched off.</summary>
    private async Task<IbsResponse> ReportDoors(ReportDoorStatus command, string correlationId, CancellationToken ct) =>
        ToResponse(batching.Lanes > 0
            ? await doorReports.SendAsync(command, Firmware(command.SerialNumber, correlationId))
            : await commands.SendAsync(command, Firmware(command.SerialNumber, correlationId), ct));

    private static CommandContext Firmware(string serial, string correlationId) => new(new Actor(serial, "firmware", "ibs"), CorrelationId: correlationId);

    private static IbsResponse ToResponse(CommandOutcome result) => IbsParcelMethods.ToResponse(result);

    private static IbsResponse Invalid(string message) => IbsResponse.Failure(new IbsError(IbsErrorCode.InvalidParam, message));

    private static IReadOnlyList<int> SubCabinets(LockerBankInfo bank) =>
        bank.Cabinets.Where(c => c.SubIndex is not null).Select(c => c.SubIndex!.Value).ToList();

    private static Domain.Lockers.Cabinets.DoorRegistration ToDomain(P.DoorRegistration d) => new(d.CabinetIndex, d.Door,
        new Domain.Lockers.Cabinets.DoorAttributes(ToDomain(d.Attributes.Size), d.Attributes.Insulated, d.Attributes.Vertical));

    internal static Domain.Lockers.Cabinets.DoorSize ToDomain(P.DoorSize size) => size switch
    {
        P.DoorSize.Large => Domain.Lockers.Cabinets.DoorSize.Large,
        P.DoorSize.Medium => Domain.Lockers.Cabinets.DoorSize.Medium,
        _ => Domain.Lockers.Cabinets.DoorSize.Small,
    };

    private static FreeDoorFilter ToFilter(DoorQuery q) => new(q.Address.Province, q.Address.City, q.Address.Area, q.Address.Street, q.Address.Place,
        q.Size is { } s ? ToDomain(s) : null,
        q.Property switch
        {
            DoorProperty.Insulated => DoorAttributeFilter.Insulated,
            DoorProperty.Vertical => DoorAttributeFilter.Vertical,
            _ => null,
        });
}
