using Cabinets.Api.Commands;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Projections.Fulfillment;
using Marten;
using Wolverine;

namespace Cabinets.Api.Fulfillment.Handlers;

/// <summary>`registerSalesMaterial` as the console sends it; the handler looks the components up.</summary>
public sealed record RegisterSalesMaterialCommand(string Code, string Name, SalesMaterialType Type, IReadOnlyList<SalesComponent> Components, DateTimeOffset Now);

/// <summary>`registerBranch` as the console sends it; the handler looks the linked shops up.</summary>
public sealed record RegisterBranchCommand(string BranchCode, string Name, WmsType WmsType, string? WmsCode, bool Online, BranchRole Role,
    IReadOnlyList<string> LinkedShopCodes, string? DefaultLogisticsCode, DateTimeOffset Now);

/// <summary>Master data (FULFILLMENT.md §4b.1): each on its own stream, decided by <see cref="FulfillmentCatalogDecider"/>.</summary>
internal static class FulfillmentCatalogDeciders
{
    public static readonly Decider<RegisterShop, ShopState?, object> Shops = new(null, ShopState.Evolve, FulfillmentCatalogDecider.Shop);
    public static readonly Decider<SetShopStockWriteBack, ShopState?, object> WriteBacks = new(null, ShopState.Evolve, FulfillmentCatalogDecider.WriteBack);
    public static readonly Decider<RegisterBasicMaterial, BasicMaterialState?, object> BasicMaterials = new(null, BasicMaterialState.Evolve, FulfillmentCatalogDecider.BasicMaterial);
    public static readonly Decider<RegisterSalesMaterial, SalesMaterialState?, object> SalesMaterials = new(null, SalesMaterialState.Evolve, FulfillmentCatalogDecider.SalesMaterial);
    public static readonly Decider<RegisterBranch, BranchState?, object> Branches = new(null, BranchState.Evolve, FulfillmentCatalogDecider.Branch);
}

public static class RegisterShopHandler
{
    public static Task<CommandOutcome> Handle(RegisterShop command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<FulfillmentShopSnapshot, RegisterShop, ShopState?, object>(session, messages,
            FulfillmentEventNames.Shop(command.ShopCode), FulfillmentCatalogDeciders.Shops, command, s => s.State, ct);
}

public static class SetShopStockWriteBackHandler
{
    public static Task<CommandOutcome> Handle(SetShopStockWriteBack command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<FulfillmentShopSnapshot, SetShopStockWriteBack, ShopState?, object>(session, messages,
            FulfillmentEventNames.Shop(command.ShopCode), FulfillmentCatalogDeciders.WriteBacks, command, s => s.State, ct);
}

public static class RegisterBasicMaterialHandler
{
    public static Task<CommandOutcome> Handle(RegisterBasicMaterial command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<BasicMaterialSnapshot, RegisterBasicMaterial, BasicMaterialState?, object>(session, messages,
            FulfillmentEventNames.BasicMaterial(command.Code), FulfillmentCatalogDeciders.BasicMaterials, command, s => s.State, ct);
}

public static class RegisterSalesMaterialHandler
{
    public static Task<CommandOutcome> Handle(RegisterSalesMaterialCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<SalesMaterialSnapshot, RegisterSalesMaterial, SalesMaterialState?, object>(session, messages,
            FulfillmentEventNames.SalesMaterial(command.Code), FulfillmentCatalogDeciders.SalesMaterials,
            async _ => new RegisterSalesMaterial(command.Code, command.Name, command.Type, command.Components,
                await FulfillmentLookups.BasicMaterialCodesAsync(session, command.Components.Select(c => c.BasicMaterialCode), ct), command.Now),
            s => s.State, ct);
}

public static class RegisterBranchHandler
{
    public static Task<CommandOutcome> Handle(RegisterBranchCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<BranchSnapshot, RegisterBranch, BranchState?, object>(session, messages,
            FulfillmentEventNames.Branch(command.BranchCode), FulfillmentCatalogDeciders.Branches,
            async _ => new RegisterBranch(command.BranchCode, command.Name, command.WmsType, command.WmsCode, command.Online, command.Role, command.LinkedShopCodes,
                command.DefaultLogisticsCode, await FulfillmentLookups.ShopCodesAsync(session, command.LinkedShopCodes, ct), command.Now),
            s => s.State, ct);
}

/// <summary>Which of the named master data exist.</summary>
public static class FulfillmentLookups
{
    public static async Task<IReadOnlySet<string>> BasicMaterialCodesAsync(IQuerySession session, IEnumerable<string> codes, CancellationToken ct) =>
        (await session.LoadManyAsync<BasicMaterialSnapshot>(ct, codes.Distinct(StringComparer.Ordinal).Select(FulfillmentEventNames.BasicMaterial).ToArray()))
            .Where(m => m.State is not null).Select(m => m.State!.Code).ToHashSet(StringComparer.Ordinal);

    public static async Task<IReadOnlySet<string>> ShopCodesAsync(IQuerySession session, IEnumerable<string> codes, CancellationToken ct) =>
        (await session.LoadManyAsync<FulfillmentShopSnapshot>(ct, codes.Distinct(StringComparer.Ordinal).Select(FulfillmentEventNames.Shop).ToArray()))
            .Where(s => s.State is not null).Select(s => s.State!.ShopCode).ToHashSet(StringComparer.Ordinal);

    public static async Task<BranchState?> BranchAsync(IQuerySession session, string branchCode, CancellationToken ct) =>
        (await session.LoadAsync<BranchSnapshot>(FulfillmentEventNames.Branch(branchCode), ct))?.State;
}
