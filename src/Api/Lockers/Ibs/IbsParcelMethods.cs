using Cabinets.Api.Commands;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Lockers.Parcels;
using Cabinets.Projections.Lockers.Cabinets;
using Cabinets.Projections.Lockers.Parcels;
using Cabinets.Protocol;
using Cabinets.Protocol.Requests;
using Cabinets.Protocol.Responses;
using Cabinets.Api.Lockers.Partners;
using Cabinets.Projections.Lockers.FreeDoors;
using Marten;
using Npgsql;

namespace Cabinets.Api.Lockers.Ibs;

/// <summary>
/// The parcel and fault methods of IBS-PROTOCOL.md §7: look-ups on the inline parcel snapshots, then
/// a command for the parcel's handler. A wrong digit, an unknown order or another bank's code is
/// answered with its error code and appends nothing; a repeated frame gets the first answer.
/// </summary>
internal sealed class IbsParcelMethods(
    CommandSender commands, IDocumentStore store, PickupCodes codes, PickupLockout lockout, ParcelTexts texts,
    PersonalData.PersonalDataVault vault, LockerTimings timings, ParcelBooking booking, PartnerDirectory partners, NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>
    /// `apply_service`: a partner, authorized by its `code`, books at a bank of the address. A repeat of
    /// the same order by the same partner answers the record number it already has (a retried frame).
    /// </summary>
    public async Task<IbsResponse> ApplyAsync(ServiceApplication a, string correlationId, CancellationToken ct)
    {
        if (await partners.FindByAuthCodeAsync(a.Code, ct) is not { Disabled: false } partner)
            return Failure(IbsErrorCode.PartnerRefused, "partner authorization code refused");
        var wish = new DoorWish(a.Size is { } s ? IbsFrameDispatcher.ToDomain(s) : null, a.Property == DoorProperty.Insulated, a.Property == DoorProperty.Vertical);
        var request = new BookingRequest(partner.PartnerId, "ibs", a.Address.Province, a.Address.City, a.Address.Area, a.Address.Street, a.Address.Place,
            a.OrderNum, a.Name, a.ReceivePhone, wish);
        var context = new CommandContext(new Actor(partner.PartnerId, "partner", "ibs"), CorrelationId: correlationId);
        return await booking.BookAsync(request, context, ct) switch
        {
            BookingResult.Booked b => IbsResponse.Ok([new RecordNumResult(b.RecordNumber)]),
            BookingResult.AlreadyBooked b => IbsResponse.Ok([new RecordNumResult(b.RecordNumber)]),
            BookingResult.NoFreeDoor n => Failure(IbsErrorCode.NoFreeDoor, n.Message),
            BookingResult.Invalid i => Failure(IbsErrorCode.InvalidParam, $"{i.Field}: {i.Message}"),
            _ => Failure(IbsErrorCode.ServerError, "nothing was changed, retry"),
        };
    }

    /// <summary>`get_ibs_address`: the sites with banks the partner may use (every provisioned site).</summary>
    public async Task<IbsResponse> AddressesAsync(AddressQuery q, CancellationToken ct)
    {
        if (await partners.FindByAuthCodeAsync(q.Code, ct) is not { Disabled: false })
            return Failure(IbsErrorCode.PartnerRefused, "partner authorization code refused");
        var sites = await FreeDoorQueries.SitesAsync(db, ct);
        return IbsResponse.Ok(sites.Select(s => (IbsResultItem)new AddressResult(s.Province, s.City, s.Area, s.Street, s.Place)).ToList());
    }

    /// <summary>`verify_order_num`: the scanned order is booked at this bank; with several, the last 4 digits of the record number pick one.</summary>
    public async Task<IbsResponse> VerifyOrderAsync(OrderVerification v, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var booked = (await ParcelLookups.ForDepositAsync(session, v.SeriesNum, v.OrderNum, ct))
            .Where(p => p.Status == ParcelSnapshot.StatusName(ParcelStatus.Booked)).ToList();
        if (v.RecordNumLast4 is { } last4) booked = booked.Where(p => p.RecordNumber.EndsWith(last4, StringComparison.Ordinal)).ToList();
        return booked.Count switch
        {
            0 => Failure(IbsErrorCode.RecordNotFound, $"order {v.OrderNum} is not booked at {v.SeriesNum}"),
            1 => IbsResponse.Ok(),
            _ => Failure(IbsErrorCode.OrderAmbiguous, "several bookings carry this order number: send the last 4 digits of the record number"),
        };
    }

    /// <summary>`recieve_verify_num`: the deposit, with the pickup code the firmware generated.</summary>
    public async Task<IbsResponse> DepositAsync(DepositReport d, CommandContext context, CancellationToken ct)
    {
        string? record;
        CabinetState bank;
        string codeHash = await codes.HashAsync(d.VerifyNum, ct);
        string? takenBy;
        await using (var session = store.QuerySession())
        {
            var candidates = await ParcelLookups.ForDepositAsync(session, d.SeriesNum, d.OrderNum, ct);
            // A repeat finds its own stored parcel first; otherwise the one booking of this order.
            record = candidates.FirstOrDefault(p => p.CodeHash == codeHash)?.RecordNumber;
            if (record is null)
            {
                var booked = candidates.Where(p => p.Status == ParcelSnapshot.StatusName(ParcelStatus.Booked)).ToList();
                if (booked.Count > 1)
                    return Failure(IbsErrorCode.OrderAmbiguous, "several bookings carry this order number at this bank");
                record = booked.SingleOrDefault()?.RecordNumber;
            }
            if (record is null) return Failure(IbsErrorCode.RecordNotFound, $"order {d.OrderNum} is not booked at {d.SeriesNum}");
            bank = (await session.LoadAsync<CabinetSnapshot>(CabinetEventNames.StreamId(d.SeriesNum), ct))?.State ?? CabinetState.Initial;
            takenBy = await ParcelLookups.CodeTakenAsync(session, d.SeriesNum, codeHash, ct);
            var parcel = candidates.First(p => p.RecordNumber == record);
            var text = await vault.ProtectForSubjectAsync(parcel.RecipientSubject, texts.PickupCode(bank, d.SeriesNum, d.VerifyNum), ct)
                ?? PersonalData.PersonalDataVault.Erased; // the recipient was erased: the SMS handler will not send it
            var command = new StoreParcel(record, d.SeriesNum, d.Door, codeHash, takenBy, $"sms-{record}-pickup", text, clock.GetUtcNow(), timings);
            return ToResponse(await commands.SendAsync(command, context, ct));
        }
    }

    /// <summary>`synchronize_order_info`: every booking of this bank not yet deposited, with the phone as booked.</summary>
    public async Task<IbsResponse> SynchronizeAsync(OrderSyncQuery q, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var pending = await ParcelLookups.PendingAsync(session, q.SeriesNumber, ct);
        var items = new List<IbsResultItem>(pending.Count);
        foreach (var p in pending)
            items.Add(new PendingOrderResult(await vault.RevealAsync(p.RecipientPhone, ct) ?? "", p.OrderNumber, p.RecordNumber));
        return IbsResponse.Ok(items);
    }

    /// <summary>`take_by_verify_num`: a typed code; five wrong ones in ten minutes lock the bank's code entry (2008).</summary>
    public async Task<IbsResponse> PickUpAsync(PickupAttempt a, CommandContext context, CancellationToken ct)
    {
        if (await lockout.LockedUntilAsync(a.SeriesNum, ct) is { } until)
            return Failure(IbsErrorCode.TooManyAttempts, $"too many wrong codes: code entry is locked until {until.ToUniversalTime():HH:mm:ss} UTC");
        var hash = await codes.HashAsync(a.VerifyNum, ct);
        var now = clock.GetUtcNow();
        IReadOnlyList<ParcelSnapshot> matches;
        await using (var session = store.QuerySession())
            matches = await ParcelLookups.ForCodeAsync(session, a.SeriesNum, hash, now - timings.RepeatPickupWindow, ct);
        if (matches.Count > 1)
            return Failure(IbsErrorCode.InvalidParam, "series_num: this code is in use at several banks, send the bank's serial");
        if (matches.Count == 0)
        {
            await lockout.RecordFailureAsync(a.SeriesNum, ct);
            return Failure(IbsErrorCode.WrongPickupCode, "wrong or expired pickup code");
        }
        var parcel = matches[0];
        return ToResponse(await commands.SendAsync(new PickUpParcel(parcel.RecordNumber, parcel.SerialNumber, now, timings), context, ct));
    }

    public async Task<IbsResponse> CabinetFaultAsync(CabinetFault f, CommandContext context, CancellationToken ct) =>
        ToResponse(await commands.SendAsync(new ReportCabinetFault(f.MainSeriesNumber, f.Category == CabinetCategory.Main ? "M" : "S",
            string.IsNullOrEmpty(f.DeputySeriesNumber) ? null : f.DeputySeriesNumber, 4, f.Description ?? "", clock.GetUtcNow()), context, ct));

    /// <summary>Each door of the frame in turn; every step is convergent, so a retried frame after a partial failure is safe.</summary>
    public async Task<IbsResponse> DoorsAsync(IEnumerable<CabinetCommand> commandsOfFrame, CommandContext context, CancellationToken ct)
    {
        foreach (var command in commandsOfFrame)
        {
            var response = ToResponse(await commands.SendAsync(command, context, ct));
            if (response.Code != IbsErrorCode.Ok) return response;
        }
        return IbsResponse.Ok();
    }

    public static IbsResponse ToResponse(CommandOutcome result) => result switch
    {
        CommandOutcome.Accepted => IbsResponse.Ok(),
        CommandOutcome.Rejected r => IbsResponse.Failure(ToIbs(r.Error)),
        CommandOutcome.Invalid i => Failure(IbsErrorCode.InvalidParam, string.Join("; ", i.Errors.Select(x => $"{x.Field}: {x.Message}"))),
        _ => Failure(IbsErrorCode.ServerError, "busy: nothing was changed, retry"),
    };

    public static IbsError ToIbs(DomainError e) => e.Code switch
    {
        CabinetDecider.Errors.NotProvisioned or CabinetDecider.Errors.NotRegistered => new IbsError(IbsErrorCode.UnknownCabinet, e.Message),
        CabinetDecider.Errors.UnknownDoor => new IbsError(IbsErrorCode.UnknownDoor, e.Message),
        ParcelDecider.Errors.NotFound => new IbsError(IbsErrorCode.RecordNotFound, e.Message),
        ParcelDecider.Errors.NoFreeDoor => new IbsError(IbsErrorCode.NoFreeDoor, e.Message),
        ParcelDecider.Errors.CodeTaken => new IbsError(IbsErrorCode.PickupCodeCollision, e.Message),
        ParcelDecider.Errors.WrongCode => new IbsError(IbsErrorCode.WrongPickupCode, e.Message),
        _ => new IbsError(IbsErrorCode.InvalidParam, e.Message),
    };

    private static IbsResponse Failure(IbsErrorCode code, string message) => IbsResponse.Failure(new IbsError(code, message));
}
