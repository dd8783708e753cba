using System.Collections.Concurrent;
using System.Globalization;
using Cabinets.Api.Commands;
using Cabinets.Api.PersonalData;
using Cabinets.Domain.Lockers.Parcels;
using Cabinets.Projections.Lockers.FreeDoors;
using Marten;
using Npgsql;

namespace Cabinets.Api.Lockers.Parcels;

/// <summary>
/// Books a parcel (ADR-0021). The free-door model (async) names the candidate banks of the site
/// with capacity left; the bank's own stream decides: the promise is appended to it at the version
/// it was read at, so two bookings racing for its last door never both commit. A candidate the
/// model still believed free is skipped for the next one. Within a node, bookings of one bank take
/// turns (a keyed lock), so a burst of bookings for the same bank does not spend its retries on
/// conflicts with itself; across nodes the stream version still decides.
/// </summary>
public sealed class ParcelBooking(CommandSender commands, NpgsqlDataSource db, IDocumentStore store, PersonalDataVault vault, LockerTimings timings, TimeProvider clock)
{
    private const int Candidates = 20;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> banks = new(StringComparer.Ordinal);

    public async Task<BookingResult> BookAsync(BookingRequest request, CommandContext context, CancellationToken ct)
    {
        if (Validate(request) is { } invalid) return invalid;
        await using (var session = store.QuerySession())
        {
            if (await ParcelLookups.ActiveForOrderAsync(session, request.PartnerId, request.OrderNumber, ct) is { } existing)
                return new BookingResult.AlreadyBooked(existing);
        }

        var subject = await vault.SubjectOfAsync(request.RecipientPhone, ct);
        var sealedValues = await vault.ProtectAllAsync(request.RecipientPhone, [request.RecipientName.Trim(), request.RecipientPhone.Trim()], ct);
        var (name, phone) = (sealedValues[0], sealedValues[1]);
        string? record = null;
        foreach (var serial in await CandidatesAsync(request, ct))
        {
            record ??= await NextRecordNumberAsync(ct);
            var command = new BookParcel(serial, record, request.OrderNumber, request.PartnerId, request.Wish, subject, name, phone,
                request.Channel, clock.GetUtcNow(), timings);
            var gate = banks.GetOrAdd(serial, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(ct);
            CommandOutcome outcome;
            try
            {
                outcome = await commands.SendAsync(command, context, ct);
            }
            finally
            {
                gate.Release();
            }
            switch (outcome)
            {
                case CommandOutcome.Accepted { Answer: BookingMade made }:
                    return new BookingResult.Booked(made.RecordNumber, made.SerialNumber);
                case CommandOutcome.Rejected or CommandOutcome.Conflict:
                    continue; // the model was behind, or the bank is busy: the next candidate
                case CommandOutcome.Invalid i:
                    return new BookingResult.Invalid(i.Errors[0].Field, i.Errors[0].Message);
            }
        }
        return new BookingResult.NoFreeDoor("no bank at this address has a free door of the asked size and attribute");
    }

    /// <summary>Banks of the site with capacity left by the model, most first; the decider has the last word.</summary>
    private async Task<IReadOnlyList<string>> CandidatesAsync(BookingRequest r, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select serial_number from {FreeDoorTables.LiveSchema}.free_door_counts
             where ($1 = '' or province = $1) and ($2 = '' or city = $2) and ($3 = '' or area = $3)
               and ($4 = '' or street = $4) and ($5 = '' or place = $5)
               and ($6 = '' or size = $6) and (not $7 or insulated) and (not $8 or vertical)
             group by serial_number
            having sum(greatest(free - promised, 0)) > 0
             order by sum(greatest(free - promised, 0)) desc, serial_number
             limit {Candidates}
            """);
        foreach (var v in new[] { r.Province, r.City, r.Area, r.Street, r.Place }) cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? "" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = r.Wish.Size is { } s ? DoorSizeCodes.Of(s) : "" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = r.Wish.Insulated });
        cmd.Parameters.Add(new NpgsqlParameter { Value = r.Wish.Vertical });
        var serials = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) serials.Add(reader.GetString(0));
        return serials;
    }

    private async Task<string> NextRecordNumberAsync(CancellationToken ct)
    {
        await using var next = db.CreateCommand("select nextval('lockers.record_numbers')");
        return Convert.ToInt64(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture).ToString("D10", CultureInfo.InvariantCulture);
    }

    /// <summary>The formats of IBS-PROTOCOL.md §6, for callers that did not check them already (the IBS codec does).</summary>
    public static BookingResult.Invalid? Validate(BookingRequest r)
    {
        if (r.OrderNumber.Length is not (10 or 16) || !r.OrderNumber.All(char.IsAsciiDigit))
            return new BookingResult.Invalid("orderNumber", "the order number is 10 or 16 digits");
        if (r.RecipientPhone.Length != 11 || !r.RecipientPhone.All(char.IsAsciiDigit))
            return new BookingResult.Invalid("recipientPhone", "the recipient's phone is 11 digits");
        if (string.IsNullOrWhiteSpace(r.RecipientName) || r.RecipientName.Trim().Length > 50)
            return new BookingResult.Invalid("recipientName", "the recipient's name is 1 to 50 characters");
        return null;
    }
}
