using Cabinets.Api.Commands;
using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.Lockers.GraphQL;
using Cabinets.Api.PersonalData;
using Cabinets.Api.Vending.Rest;
using Cabinets.Domain.Access;
using Cabinets.Domain.Operations;
using Cabinets.Domain.Vending.Users;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Cabinets.Projections.Vending.Users;
using Marten;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>
/// Mini-program users in the admin schema (VENDING.md §4.6): `vendingUsers` (by `phone:`),
/// `vendingUser`, their orders and ticket ledger, and `adjustTickets`. The phone is shown masked;
/// in clear only with `vending.pii.read`, and every clear read or search by phone is recorded as an
/// operator action with its actor.
/// </summary>
internal static class UserSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Enum<TicketEntryKind>("TicketEntryKind")
        .AddConnection(VendingLists.Users)
        .AddConnection(VendingLists.Ledger)
        .InputObject("AdjustTicketsInput", i => i.Field("userId", "ID!")
            .Field("delta", "Long!", v => v.Description("Signed tickets (500 per yuan); the balance never goes below 0."))
            .Field("reason", "String!").Field("idempotencyKey", "String"))
        .Query(q => q
            .Field("vendingUsers", VendingLists.Users.ConnectionType() + "!", f => f
                .Description("Mini-program users; `phone:` (exact, needs vending.pii.read) finds the user with that number.")
                .Argument("phone", "String")
                .RequirePermissions(Permissions.VendingRead)
                .UseVendingConnection(VendingLists.Users, ByPhoneAsync))
            .Field("vendingUser", "VendingUser", f => f
                .Argument("userId", "ID!")
                .RequirePermissions(Permissions.VendingRead)
                .ResolveAsync(async ctx => (object?)await VendingLoaders.UserAsync(ctx.Untyped, ctx.Argument<string>("userId")))))
        .Object<VendingUserSnapshot>("VendingUser", t => t
            .Field("userId", "ID!", u => u.State!.UserId)
            .Field("username", "String", u => u.State!.Username)
            .Field("phoneMasked", "String!", f => f.ResolveAsync(async ctx =>
                (object?)MaskedPhone(await Vault(ctx.Untyped).RevealAsync(ctx.Source.State!.SealedPhone, ctx.CancellationToken))))
            .Field("phone", "String", f => f
                .Description("In clear; needs vending.pii.read, and each read is recorded with its actor.")
                .RequirePermissions(Permissions.VendingPiiRead)
                .ResolveAsync(async ctx =>
                {
                    await AuditAsync(ctx.Untyped, AppLogin.PersonIdentifier(ctx.Source.State!.UserId), "phone");
                    return (object?)await Vault(ctx.Untyped).RevealAsync(ctx.Source.State!.SealedPhone, ctx.CancellationToken);
                }))
            .Field("ticketBalance", "Long!", u => u.State!.TicketBalance)
            .Field("payScoreAuthorized", "Boolean!", u => u.State!.PayScoreAuthorized)
            .Field("createdAt", "DateTime!", u => u.State!.CreatedAt)
            .Field("orders", VendingLists.Orders.ConnectionType() + "!", f => f
                .UseVendingConnection(VendingLists.Orders, ctx => Task.FromResult(
                    VendingConnections.Equal(VendingLists.OwnerColumn, ((VendingUserSnapshot)ctx.Source!).State!.UserId))))
            .Field("ticketLedger", VendingLists.Ledger.ConnectionType() + "!", f => f
                .Description("Every debit, refund and adjustment of the balance, oldest first.")
                .UseVendingConnection(VendingLists.Ledger, ctx => Task.FromResult(
                    VendingConnections.Equal(VendingLists.LedgerStreamColumn, ((VendingUserSnapshot)ctx.Source!).Id)), bySerializer: false)))
        .Object<TicketLedgerEntry>("TicketLedgerEntry", t => t
            .Field("at", "DateTime!", e => e.At)
            .Field("kind", "TicketEntryKind!", e => e.Kind)
            .Field("delta", "Long!", e => e.Delta)
            .Field("balanceAfter", "Long!", e => e.BalanceAfter)
            .Field("orderNo", "String", e => e.OrderNo)
            .Field("reason", "String", e => e.Reason)
            .Field("actor", "String", e => e.Actor))
        .Mutation(m => m
            .Field("adjustTickets", "VendingUser!", f => f
                .Description("Adds (delta > 0) or takes (delta < 0) tickets with a reason; BALANCE_WOULD_BE_NEGATIVE below 0.")
                .Argument("input", "AdjustTicketsInput!")
                .RequirePermissions(Permissions.VendingTicketsAdjust)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var userId = input.Str("userId");
                    await VendingRequests.OnceAsync(ctx.Untyped, input, "adjustTickets", async () =>
                    {
                        await VendingRequests.SendAsync(ctx.Untyped, new AdjustTickets(userId, input.Long("delta"), input.Str("reason"), VendingRequests.Now(ctx.Untyped)));
                        return userId;
                    }, id => id, id => id);
                    return (object?)await VendingLoaders.UserAsync(ctx.Untyped, userId);
                })));

    public static string MaskedPhone(string? phone) => Masks.Phone(phone);

    /// <summary>The users whose phone has this keyed hash (`vendingOrders(userPhone:)`).</summary>
    public static async Task<IReadOnlyList<string>> UserIdsByPhoneAsync(ResolveContext ctx, string phone, string argument)
    {
        var hash = await PhoneHashAsync(ctx, phone, argument);
        await using var session = VendingLoaders.Session(ctx);
        return (await session.Query<VendingUserSnapshot>().Where(u => u.PhoneHash == hash).Select(u => u.Id).ToListAsync(ctx.CancellationToken))
            .Select(id => id["vending-user-".Length..]).ToList();
    }

    private static async Task<IReadOnlyDictionary<string, object?>> ByPhoneAsync(ResolveContext ctx) =>
        ctx.Arguments.GetValueOrDefault("phone") is string phone
            ? VendingConnections.Equal(VendingLists.PhoneHashColumn, await PhoneHashAsync(ctx, phone, "phone"))
            : new Dictionary<string, object?>();

    /// <summary>A search by phone: needs vending.pii.read (FORBIDDEN otherwise), compares the keyed hash (the number never reaches SQL), and is recorded.</summary>
    private static async Task<string> PhoneHashAsync(ResolveContext ctx, string phone, string argument)
    {
        if (!GraphQLRequestContext.Of(ctx).Has(Permissions.VendingPiiRead)) throw VendingErrors.Forbidden(Permissions.VendingPiiRead, $"`{argument}:`");
        var hash = await Vault(ctx).SubjectOfAsync(AppLogin.PhoneIdentifier(phone.Trim()), ctx.CancellationToken);
        await AuditAsync(ctx, hash, argument);
        return hash;
    }

    /// <summary>Records who read or searched a person's clear data (subject: the person's identifier or the keyed hash searched).</summary>
    private static async Task AuditAsync(ResolveContext ctx, string subject, string field)
    {
        var request = GraphQLRequestContext.Of(ctx);
        var now = VendingRequests.Now(ctx);
        GraphQLCommandErrors.ThrowIfFailed(await request.Service<CommandSender>().SendAsync(new RecordOperatorAction(new PersonalDataRead(subject, "vending.user." + field, now), now),
            new CommandContext(request.Actor, CorrelationId: request.CorrelationId), ctx.CancellationToken));
    }

    private static PersonalDataVault Vault(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<PersonalDataVault>();
}
