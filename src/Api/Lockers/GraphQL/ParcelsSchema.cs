using Cabinets.Api.Commands;
using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.PersonalData;
using Cabinets.Domain.Access;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Lockers.Parcels;
using Cabinets.Domain.Operations;
using Cabinets.GraphQL;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Cabinets.Projections.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;
using Cabinets.Projections.Lockers.Incidents;
using Cabinets.Projections.Lockers.Parcels;
using Marten;

namespace Cabinets.Api.Lockers.GraphQL;

/// <summary>
/// Parcels, anomalies and door faults in the admin schema (API-CONTRACT.md, the locker console), and
/// the admin commands on them. Recipients are shown masked; after `erasePersonalData` they read "erased".
/// </summary>
internal static class ParcelsSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Enum<ParcelStatus>("ParcelStatus")
        .AddConnection(ParcelList.Parcels)
        .AddConnection(ParcelList.Anomalies)
        .AddConnection(ParcelList.Faults)
        .Query(q => q
            .Field("parcel", "Parcel", f => f
                .Argument("recordNumber", "String!")
                .RequirePermissions(Permissions.LockersRead)
                .ResolveAsync(async ctx => (object?)(await LoadAsync(ctx.Untyped, ctx.Argument<string>("recordNumber")) is { } p ? ParcelList.ViewOf(p) : null)))
            .Field("parcels", ParcelList.Parcels.ConnectionType() + "!", f => f
                .Description("Parcels; `where: {recipientPhone: {eq: \"13800138000\"}}` matches the keyed hash of the number (exact match only).")
                .RequirePermissions(Permissions.LockersRead)
                .UseConnection(ParcelList.Parcels, HashPhonesAsync))
            .Field("anomalies", ParcelList.Anomalies.ConnectionType() + "!", f => f
                .Description("Reconciliation anomalies: a door reported free that holds a parcel, or occupied with nothing booked.")
                .RequirePermissions(Permissions.LockersRead)
                .UseConnection(ParcelList.Anomalies))
            .Field("doorFaults", ParcelList.Faults.ConnectionType() + "!", f => f
                .Description("Fault history: cabinet faults, door faults, repair reports and confirmations; filter by `cabinetSerial` for one bank.")
                .RequirePermissions(Permissions.LockersRead)
                .UseConnection(ParcelList.Faults)))
        .Object<ParcelView>("Parcel", t => t
            .Field("recordNumber", "String!", p => p.RecordNumber)
            .Field("orderNumber", "String!", p => p.OrderNumber)
            .Field("status", "ParcelStatus!", p => ParcelSnapshot.StatusOf(p.Status))
            .Field("cabinetSerial", "String!", p => p.CabinetSerial)
            .Field("partnerId", "String!", p => p.PartnerId)
            .Field("doorNumber", "Int", p => p.DoorNumber)
            .Field("channel", "String!", p => p.Channel)
            .Field("recipientName", "String!", f => f
                .Description("Masked (张*); \"erased\" once the person's data was erased.")
                .ResolveAsync(async ctx => (object?)Masks.Name(await Vault(ctx.Untyped).RevealAsync(ctx.Source.RecipientName, ctx.CancellationToken))))
            .Field("recipientPhone", "String!", f => f
                .Description("Masked (138****8000); \"erased\" once the person's data was erased.")
                .ResolveAsync(async ctx => (object?)Masks.Phone(await Vault(ctx.Untyped).RevealAsync(ctx.Source.RecipientPhone, ctx.CancellationToken))))
            .Field("bookedAt", "DateTime!", p => p.BookedAt)
            .Field("expiresAt", "DateTime!", p => p.ExpiresAt)
            .Field("storedAt", "DateTime", p => p.StoredAt)
            .Field("pickedUpAt", "DateTime", p => p.PickedUpAt))
        .Object<DoorAnomaly>("DoorAnomaly", t => t
            .Field("cabinetSerial", "String!", a => a.SerialNumber)
            .Field("doorNumber", "Int!", a => a.DoorNumber)
            .Field("kind", "String!", a => a.Kind)
            .Field("recordNumber", "String", a => a.RecordNumber)
            .Field("at", "DateTime!", a => a.At)
            .Field("resolved", "Boolean!", a => a.Resolution is not null)
            .Field("resolvedBy", "String", a => a.Resolution?.ResolvedBy)
            .Field("resolvedAt", "DateTime", a => a.Resolution?.At)
            .Field("resolution", "String", a => a.Resolution?.Note))
        .Object<DoorFaultRecord>("DoorFault", t => t
            .Field("cabinetSerial", "String!", a => a.SerialNumber)
            .Field("doorNumber", "Int", a => a.DoorNumber)
            .Field("kind", "String!", a => a.Kind)
            .Field("description", "String", a => a.Description)
            .Field("actor", "String", a => a.Actor)
            .Field("at", "DateTime!", a => a.At))
        .Mutation(m => m
            .Field("confirmDoorRepair", "Door!", f => f
                .Description("Puts a door the firmware reported repaired (single_repair) back into service.")
                .Argument("serialNumber", "String!").Argument("doorNumber", "Int!")
                .RequirePermissions(Permissions.LockersWrite)
                .ResolveAsync(async ctx =>
                {
                    var serial = ctx.Argument<string>("serialNumber");
                    var door = ctx.Argument<int>("doorNumber");
                    await SendAsync(ctx.Untyped, new ConfirmDoorRepair(serial, door, Now(ctx.Untyped)));
                    await using var session = Request(ctx.Untyped).Service<IDocumentStore>().QuerySession();
                    var bank = (await session.LoadAsync<CabinetSnapshot>(CabinetEventNames.StreamId(serial), ctx.CancellationToken))!.State;
                    var d = bank.Doors[door];
                    return (object?)new DoorView(door, d.CabinetIndex, d.Attributes.Size, d.Attributes.Insulated, d.Attributes.Vertical, d.Occupied, d.Usable,
                        null, serial);
                }))
            .Field("resolveDoorAnomaly", "Boolean!", f => f
                .Description("Records that an admin looked at the door's open anomalies, with what was found; the next report may raise a new one.")
                .Argument("serialNumber", "String!").Argument("doorNumber", "Int!").Argument("note", "String!")
                .RequirePermissions(Permissions.LockersWrite)
                .ResolveAsync(async ctx =>
                {
                    var note = ctx.Argument<string>("note");
                    if (string.IsNullOrWhiteSpace(note) || note.Length > 500)
                        throw new GraphQLException("note: say what was found, 1 to 500 characters", ErrorCodes.BadUserInput);
                    await SendAsync(ctx.Untyped, new ResolveDoorAnomaly(ctx.Argument<string>("serialNumber"), ctx.Argument<int>("doorNumber"), note, Now(ctx.Untyped)));
                    return (object?)true;
                }))
            .Field("cancelBooking", "Parcel!", f => f
                .Description("Withdraws a booking that was not deposited: its capacity returns to the bank.")
                .Argument("recordNumber", "String!")
                .RequirePermissions(Permissions.LockersWrite)
                .ResolveAsync(async ctx =>
                {
                    var record = ctx.Argument<string>("recordNumber");
                    await SendAsync(ctx.Untyped, new CancelBooking(record, Now(ctx.Untyped)));
                    return (object?)ParcelList.ViewOf((await LoadAsync(ctx.Untyped, record))!);
                }))
            .Field("erasePersonalData", "Boolean!", f => f
                .Description("Crypto-shredding: deletes the key of the person with this phone. Their name and phone read \"erased\" everywhere, " +
                    "searches by the phone find nothing, the history stays replayable. False when nothing was kept for this phone.")
                .Argument("phone", "String!")
                .RequirePermissions(Permissions.UsersManage)
                .ResolveAsync(async ctx =>
                {
                    var vault = Vault(ctx.Untyped);
                    var subject = await vault.SubjectOfAsync(ctx.Argument<string>("phone"), ctx.CancellationToken);
                    await SendAsync(ctx.Untyped, new RecordOperatorAction(new PersonalDataErasureRequested(subject, Now(ctx.Untyped)), Now(ctx.Untyped)));
                    return (object?)await vault.EraseAsync(ctx.Argument<string>("phone"), ctx.CancellationToken);
                })));

    /// <summary>The parcel behind a door of a bank, for `Cabinet.doors { parcel }`; one query per request for all banks asked.</summary>
    public static Task<ParcelView?> ParcelBehindAsync(ResolveContext<DoorView> ctx) =>
        ctx.DataLoader<string, Dictionary<int, ParcelView>>("parcelsBySerial", async (serials, ct) =>
        {
            await using var session = Request(ctx.Untyped).Service<IDocumentStore>().QuerySession();
            var stored = ParcelSnapshot.StatusName(ParcelStatus.Stored);
            var overdue = ParcelSnapshot.StatusName(ParcelStatus.Overdue);
            var list = serials.ToList();
            var parcels = await session.Query<ParcelSnapshot>()
                .Where(p => list.Contains(p.SerialNumber) && (p.Status == stored || p.Status == overdue)).ToListAsync(ct);
            return serials.ToDictionary(s => s, s => parcels.Where(p => p.SerialNumber == s && p.DoorNumber is not null)
                .ToDictionary(p => p.DoorNumber!.Value, ParcelList.ViewOf));
        }).LoadAsync(ctx.Source.SerialNumber).ContinueWith(t => t.Result.GetValueOrDefault(ctx.Source.Number), TaskScheduler.Default);

    /// <summary>`recipientPhone` filters compare keyed hashes: the clear number never reaches SQL. Only `eq` and `in` mean anything on a hash.</summary>
    private static async Task<IReadOnlyDictionary<string, object?>> HashPhonesAsync(ResolveContext ctx, IReadOnlyDictionary<string, object?> where)
    {
        var vault = Vault(ctx);
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in where)
        {
            copy[key] = key switch
            {
                "and" or "or" when value is object?[] list => await Task.WhenAll(list.Select(async x =>
                    (object?)(x is IReadOnlyDictionary<string, object?> d ? await HashPhonesAsync(ctx, d) : x))),
                ParcelList.PhoneField when value is IReadOnlyDictionary<string, object?> ops => await HashOpsAsync(vault, ops, ctx.CancellationToken),
                _ => value,
            };
        }
        return copy;
    }

    private static async Task<IReadOnlyDictionary<string, object?>> HashOpsAsync(PersonalDataVault vault, IReadOnlyDictionary<string, object?> ops, CancellationToken ct)
    {
        var hashed = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (op, value) in ops)
        {
            hashed[op] = (op, value) switch
            {
                ("eq", string phone) => await vault.SubjectOfAsync(phone, ct),
                ("in", object?[] phones) => await Task.WhenAll(phones.OfType<string>().Select(async p => (object?)await vault.SubjectOfAsync(p, ct))),
                ("eq" or "in", null) => null,
                _ => throw new GraphQLException($"recipientPhone: only eq and in are supported (exact match by keyed hash), not {op}", ErrorCodes.BadUserInput),
            };
        }
        return hashed;
    }

    private static async Task<ParcelSnapshot?> LoadAsync(ResolveContext ctx, string record)
    {
        await using var session = Request(ctx).Service<IDocumentStore>().QuerySession();
        return await session.LoadAsync<ParcelSnapshot>(ParcelEventNames.StreamId(record), ctx.CancellationToken);
    }

    private static async Task SendAsync(ResolveContext ctx, object command)
    {
        var request = Request(ctx);
        var result = await request.Service<CommandSender>().SendAsync(command, new CommandContext(request.Actor, CorrelationId: request.CorrelationId), ctx.CancellationToken);
        GraphQLCommandErrors.ThrowIfFailed(result);
    }

    private static GraphQLRequestContext Request(ResolveContext ctx) => GraphQLRequestContext.Of(ctx);

    private static PersonalDataVault Vault(ResolveContext ctx) => Request(ctx).Service<PersonalDataVault>();

    private static DateTimeOffset Now(ResolveContext ctx) => Request(ctx).Service<TimeProvider>().GetUtcNow();
}

/// <summary>How personal data shows in lists: enough to recognise, not enough to use.</summary>
internal static class Masks
{
    public static string Phone(string? phone) => phone switch
    {
        null => "",
        PersonalDataVault.Erased => PersonalDataVault.Erased,
        var p => PhoneMask.Masked(p)!,
    };

    public static string Name(string? name) => name switch
    {
        null or "" => "",
        PersonalDataVault.Erased => PersonalDataVault.Erased,
        var n => n[..1] + new string('*', Math.Max(1, n.Length - 1)),
    };
}
