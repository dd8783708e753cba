using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Access;
using Cabinets.Domain.Stations;
using Cabinets.Domain.Stations.TaxRules;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Npgsql;
using static Cabinets.Api.Stations.GraphQL.StationEnums;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>What <c>taxRateFor</c> answers: the capture a line of (merchant, SPU) would make now (TAX.md §1.3).</summary>
internal sealed record RateResolution(string StationId, int AddressId, string SpuId, RateCapture Capture);

/// <summary>Tax rules of TAX.md §4.3: the list, one rule, rate resolution, and the three rule commands of the REST.</summary>
internal static class TaxRuleSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .AddConnection(TaxRuleList.Table)
        .Query(q => q
            .Field("taxRules", TaxRuleList.Table.ConnectionType() + "!", f => f
                .Description("The caller's station's rules, valid and invalid (filter by `status`).")
                .RequirePermissions(Permissions.StationRead)
                .UseConnection(TaxRuleList.Table)
                .ResolveAsync(ctx => TaxRuleList.ResolveAsync(ctx.Untyped))) // UseConnection's arguments and cost; the rules page in memory
            .Field("taxRule", "TaxRule", f => f
                .Argument("id", "Int!")
                .RequirePermissions(Permissions.StationRead)
                .ResolveAsync(ctx => StationLoaders.RuleAsync(ctx.Untyped, StationRequests.StationOf(ctx.Untyped), ctx.Argument<int>("id"))))
            .Field("taxRateFor", "TaxRateResolution!", f => f
                .Description("The rate a line for this merchant and SPU would capture now.")
                .Argument("addressId", "Int!").Argument("spuId", "String!")
                .RequirePermissions(Permissions.StationRead)
                .ResolveAsync(async ctx =>
                {
                    var station = StationRequests.StationOf(ctx.Untyped);
                    var (addressId, spuId) = (ctx.Argument<int>("addressId"), ctx.Argument<string>("spuId"));
                    return new RateResolution(station, addressId, spuId, (await StationLoaders.RulesAsync(ctx.Untyped, station)).RateFor(addressId, spuId));
                })))
        .Object<StationTaxRule>("TaxRule", t => t
            .Field("id", "Int!", r => r.Rule.Id)
            .Field("stationId", "String!", r => r.StationId)
            .Field("name", "String!", r => r.Rule.Name)
            .Field("status", "TaxRuleStatus!", r => r.Rule.Valid ? TaxRuleStatus.Valid : TaxRuleStatus.Invalid)
            .Field("merchants", "[TaxRuleMerchant!]!", r => r.Rule.Merchants)
            .Field("spus", "[TaxRuleSpu!]!", r => r.Rule.Spus)
            .Field("version", "Int!", r => r.Rule.Version)
            .Field("createdAt", "DateTime!", r => r.Rule.CreatedAt)
            .Field("updatedAt", "DateTime!", r => r.Rule.UpdatedAt))
        .Object<RuleMerchant>("TaxRuleMerchant", t => t
            .Field("addressId", "Int!", m => m.AddressId)
            .Field("addressName", "String!", m => m.AddressName))
        .Object<RuleSpu>("TaxRuleSpu", t => t
            .Field("spuId", "String!", s => s.SpuId)
            .Field("spuName", "String!", s => s.SpuName)
            .Field("taxRate", "Int!", f => f.Description("Basis points: 4500 is 45 %.").ResolveFromSource(s => s.TaxRate))
            .Field("taxRatePercent", "String!", f => f.Description("Percent, trailing zeros dropped: \"45\", \"12.5\", \"0.05\".")
                .ResolveFromSource(s => TaxRates.ToPercent(s.TaxRate))))
        .Object<RateResolution>("TaxRateResolution", t => t
            .Field("addressId", "Int!", r => r.AddressId)
            .Field("spuId", "String!", r => r.SpuId)
            .Field("isTaxSet", "Boolean!", r => r.Capture.IsSet)
            .Field("taxRate", "Int", f => f.Description("Basis points; null when no valid rule covers the pair, 0 for a 0 % rule.")
                .ResolveFromSource(r => r.Capture.IsSet ? r.Capture.TaxRate : null))
            .Field("rule", "TaxRule", f => f.ResolveAsync(ctx => StationLoaders.RuleAsync(ctx.Untyped, ctx.Source.StationId, ctx.Source.Capture.RuleId))))
        .InputObject("TaxRuleMerchantInput", i => i.Field("addressId", "Int!").Field("addressName", "String!"))
        .InputObject("TaxRuleSpuInput", i => i.Field("spuId", "String!").Field("spuName", "String!")
            .Field("taxRate", "Int!", v => v.Description("Basis points, 0..9999.")))
        .InputObject("CreateTaxRuleInput", i => i.Field("name", "String!").Field("status", "TaxRuleStatus", v => v.DefaultLiteral("VALID"))
            .Field("merchants", "[TaxRuleMerchantInput!]!").Field("spus", "[TaxRuleSpuInput!]!").Field("idempotencyKey", "String"))
        .InputObject("EditTaxRuleInput", i => i.Field("id", "Int!").Field("name", "String").Field("status", "TaxRuleStatus")
            .Field("merchants", "[TaxRuleMerchantInput!]!").Field("spus", "[TaxRuleSpuInput!]!").Field("expectedVersion", "Int"))
        .Mutation(m => m
            .Field("createTaxRule", "TaxRule!", f => f
                .Argument("input", "CreateTaxRuleInput!")
                .RequirePermissions(Permissions.StationTaxWrite)
                .ResolveAsync(ctx => CreateAsync(ctx.Untyped)))
            .Field("editTaxRule", "TaxRule!", f => f
                .Description("Absent name or status keep theirs; the lists replace the rule's (TAX.md §2.2).")
                .Argument("input", "EditTaxRuleInput!")
                .RequirePermissions(Permissions.StationTaxWrite)
                .ResolveAsync(ctx => EditAsync(ctx.Untyped)))
            .Field("setTaxRuleStatus", "TaxRule!", f => f
                .Argument("id", "Int!").Argument("status", "TaxRuleStatus!")
                .RequirePermissions(Permissions.StationTaxWrite)
                .ResolveAsync(async ctx =>
                {
                    var station = StationRequests.StationOf(ctx.Untyped);
                    var id = ctx.Argument<int>("id");
                    await StationRequests.SendAsync(ctx.Untyped, new SetTaxRuleStatus(station, id, ctx.Argument<TaxRuleStatus>("status") == TaxRuleStatus.Valid, StationRequests.Now(ctx.Untyped)));
                    return await WrittenAsync(ctx.Untyped, station, id);
                })));

    private static async Task<StationTaxRule> CreateAsync(ResolveContext ctx)
    {
        var input = InputFields.Obj(ctx.Arguments["input"]);
        var station = StationRequests.StationOf(ctx);
        var id = await StationRequests.OnceAsync(ctx, input, "createTaxRule", async () =>
        {
            var id = await StationSequences.NextTaxRuleIdAsync(StationRequests.Service<NpgsqlDataSource>(ctx), ctx.CancellationToken);
            await StationRequests.SendAsync(ctx, new CreateTaxRule(station, id, input.Str("name"), input.OptEnum<TaxRuleStatus>("status") != TaxRuleStatus.Invalid,
                Merchants(input), Spus(input), StationRequests.Now(ctx)));
            return id;
        }, id => id.ToString(System.Globalization.CultureInfo.InvariantCulture), int.Parse);
        return await WrittenAsync(ctx, station, id);
    }

    private static async Task<StationTaxRule> EditAsync(ResolveContext ctx)
    {
        var input = InputFields.Obj(ctx.Arguments["input"]);
        var station = StationRequests.StationOf(ctx);
        var id = input.Int("id");
        var status = input.OptEnum<TaxRuleStatus>("status");
        await StationRequests.SendAsync(ctx, new EditTaxRule(station, id, input.OptStr("name"), status is null ? null : status == TaxRuleStatus.Valid,
            Merchants(input), Spus(input), input.OptInt("expectedVersion"), StationRequests.Now(ctx)));
        return await WrittenAsync(ctx, station, id);
    }

    private static List<RuleMerchant> Merchants(IReadOnlyDictionary<string, object?> input) =>
        input.List("merchants").Select(m => new RuleMerchant(m.Int("addressId"), m.Str("addressName"))).ToList();

    private static List<RuleSpu> Spus(IReadOnlyDictionary<string, object?> input) =>
        input.List("spus").Select(s => new RuleSpu(s.Str("spuId"), s.Str("spuName"), s.Int("taxRate"))).ToList();

    /// <summary>The rule as just written: the book is an inline snapshot, read fresh (a request's loader may hold an older one).</summary>
    private static async Task<StationTaxRule> WrittenAsync(ResolveContext ctx, string station, int id)
    {
        await using var session = StationRequests.Session(ctx);
        return new StationTaxRule(station, (await StationLookups.TaxRulesAsync(session, station, ctx.CancellationToken)).Rules[id]);
    }
}
