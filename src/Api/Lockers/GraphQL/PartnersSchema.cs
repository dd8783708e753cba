using Cabinets.Api.Commands;
using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.Lockers.Partners;
using Cabinets.Domain.Access;
using Cabinets.Domain.Lockers.Partners;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.Api.Lockers.GraphQL;

/// <summary>
/// Courier partners in the admin schema (API-CONTRACT.md: `registerPartner`, `rotatePartnerSecret`,
/// `disablePartner`, `partners`; ADR-0023). Everything needs `partners.manage`; commands run as the
/// signed-in admin. The secret and the code appear in the two credential answers and nowhere else.
/// </summary>
internal static class PartnersSchema
{
    /// <summary><c>partners(...)</c>: the partner snapshots (Marten's <c>mt_doc_partnersnapshot</c>) as a connection (ADR-0010).</summary>
    public static ConnectionTable<PartnerView> Table { get; } = new(
        "Partner", "Partners", "public.mt_doc_partnersnapshot d",
        [
            new("partnerId", "(d.data ->> 'PartnerId')", ColumnType.String),
            new("name", "(d.data ->> 'Name')", ColumnType.String),
            new("disabled", "((d.data ->> 'Disabled')::boolean)", ColumnType.Boolean),
            new("registeredAt", "public.mt_immutable_timestamptz(d.data ->> 'RegisteredAt')", ColumnType.DateTime),
        ],
        key: ["partnerId"],
        r => new PartnerView(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetFieldValue<DateTimeOffset>(3)))
    {
        NodeType = "Partner",
        Select = ["(d.data ->> 'PartnerId')", "(d.data ->> 'Name')", "((d.data ->> 'Disabled')::boolean)", "public.mt_immutable_timestamptz(d.data ->> 'RegisteredAt')"],
    };

    public static void Add(SchemaBuilder schema) => schema
        .AddConnection(Table)
        .Object<PartnerView>("Partner", t => t
            .Description("A courier company that books doors over the signed partner REST or IBS `apply_service`.")
            .Field("partnerId", "ID!", p => p.PartnerId)
            .Field("name", "String!", p => p.Name)
            .Field("disabled", "Boolean!", p => p.Disabled)
            .Field("registeredAt", "DateTime!", p => p.RegisteredAt))
        .Object<PartnerCredentials>("PartnerCredentials", t => t
            .Description("Shown once: the server keeps the secret encrypted and the code only as a keyed hash.")
            .Field("partnerId", "String!", c => c.PartnerId)
            .Field("secret", "String!", c => c.Secret)
            .Field("authCode", "String!", c => c.AuthCode))
        .Query(q => q
            .Field("partners", Table.ConnectionType() + "!", f => f
                .Description("Courier partners, filtered and sorted in the database; never their credentials.")
                .RequirePermissions(Permissions.PartnersManage)
                .UseConnection(Table))
            .Field("partner", "Partner", f => f
                .Argument("partnerId", "ID!")
                .RequirePermissions(Permissions.PartnersManage)
                .ResolveAsync(ctx => Request(ctx.Untyped).Service<PartnerDirectory>().FindAsync(ctx.Argument<string>("partnerId"), ctx.CancellationToken))))
        .Mutation(m => m
            .Field("registerPartner", "PartnerCredentials!", f => f
                .Description("Registers a partner; the answer is the only time its secret and authorization code are shown.")
                .Argument("name", "String!")
                .RequirePermissions(Permissions.PartnersManage)
                .ResolveAsync(ctx => RegisterAsync(ctx.Untyped)))
            .Field("rotatePartnerSecret", "PartnerCredentials!", f => f
                .Description("Issues a new secret and authorization code; the old ones are refused from now on (no grace window).")
                .Argument("partnerId", "ID!")
                .RequirePermissions(Permissions.PartnersManage)
                .ResolveAsync(ctx => RotateAsync(ctx.Untyped)))
            .Field("disablePartner", "Partner!", f => f
                .Description("Refuses the partner's signed requests and IBS code from now on; disabling is final.")
                .Argument("partnerId", "ID!")
                .RequirePermissions(Permissions.PartnersManage)
                .ResolveAsync(ctx => DisableAsync(ctx.Untyped))));

    private static async Task<PartnerCredentials> RegisterAsync(ResolveContext ctx)
    {
        var credentials = PartnerCredentials.New();
        var secrets = Request(ctx).Service<PartnerSecrets>();
        var command = new RegisterPartner(credentials.PartnerId, ctx.Argument<string>("name"),
            await secrets.SealAsync(credentials.PartnerId, credentials.Secret, ctx.CancellationToken),
            await secrets.HashCodeAsync(credentials.AuthCode, ctx.CancellationToken), Now(ctx));
        await SendAsync(ctx, command);
        return credentials;
    }

    private static async Task<PartnerCredentials> RotateAsync(ResolveContext ctx)
    {
        var credentials = PartnerCredentials.ForPartner(ctx.Argument<string>("partnerId"));
        var secrets = Request(ctx).Service<PartnerSecrets>();
        await SendAsync(ctx, new RotatePartnerSecret(credentials.PartnerId,
            await secrets.SealAsync(credentials.PartnerId, credentials.Secret, ctx.CancellationToken),
            await secrets.HashCodeAsync(credentials.AuthCode, ctx.CancellationToken), Now(ctx)));
        return credentials;
    }

    private static async Task<PartnerView> DisableAsync(ResolveContext ctx)
    {
        var partnerId = ctx.Argument<string>("partnerId");
        await SendAsync(ctx, new DisablePartner(partnerId, Now(ctx)));
        return (await Request(ctx).Service<PartnerDirectory>().FindAsync(partnerId, ctx.CancellationToken))!;
    }

    private static async Task SendAsync(ResolveContext ctx, PartnerCommand command)
    {
        var request = Request(ctx);
        var result = await request.Service<CommandSender>().SendAsync(command, new CommandContext(request.Actor, CorrelationId: request.CorrelationId), ctx.CancellationToken);
        GraphQLCommandErrors.ThrowIfFailed(result);
    }

    private static GraphQLRequestContext Request(ResolveContext ctx) => GraphQLRequestContext.Of(ctx);

    private static DateTimeOffset Now(ResolveContext ctx) => Request(ctx).Service<TimeProvider>().GetUtcNow();
}
