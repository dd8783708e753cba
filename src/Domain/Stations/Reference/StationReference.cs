using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Stations.Reference;

/// <summary>A merchant of a station (TAX.md §1.1), as the station's screens show it.</summary>
public sealed record StationMerchant(string StationId, int AddressId, int Uid, string Resname, string Address, string? ReceiverName,
    string? ReceiverPhone, int? RouteId, string? RouteName, string? DistrictCode, string? DistrictName, string? City, string? AreaL1,
    string? AreaL2, string? AddressSignId, string? AddressSign, string? Cname, int ReceiveWay);

/// <summary>A SKU of a station with its SPU and catalogue fields (TAX.md §1.1); prices in fen.</summary>
public sealed record StationSku(string StationId, string SkuId, string SpuId, string SpuName, string Name, string SaleUnitName, string StdUnitName,
    decimal SaleRatio, long SalePrice, bool IsWeigh, bool State, string? SalemenuId, string? SalemenuName, string? Category1Id,
    string? Category1Title, string? Category2Id, string? Category2Title, string? PinleiId, string? PinleiTitle, string? OuterId,
    string? SupplierId, string? SupplierName, string? Specs);

public interface IStationReferenceEvent;

public sealed record StationMerchantUpserted(StationMerchant Merchant, DateTimeOffset At) : IStationReferenceEvent;

public sealed record StationSkuUpserted(StationSku Sku, DateTimeOffset At) : IStationReferenceEvent;

public sealed record UpsertStationMerchant(StationMerchant Merchant, DateTimeOffset Now);

public sealed record UpsertStationSku(StationSku Sku, DateTimeOffset Now);

/// <summary>Reference data is the station's to send: an upsert records what changed, and nothing when nothing did; an SKU keeps its SPU.</summary>
public static class StationReferenceDecider
{
    public static Decider<UpsertStationMerchant, StationMerchant?, IStationReferenceEvent> Merchants { get; } =
        new(null, (current, e) => e is StationMerchantUpserted u ? u.Merchant : current, Decide);

    public static Decider<UpsertStationSku, StationSku?, IStationReferenceEvent> Skus { get; } =
        new(null, (current, e) => e is StationSkuUpserted u ? u.Sku : current, Decide);

    public static class Errors
    {
        public const string Invalid = "station_reference.invalid";
    }

    public static Decision<IStationReferenceEvent> Decide(UpsertStationMerchant command, StationMerchant? current)
    {
        var m = command.Merchant;
        if (m.AddressId <= 0) return Decision<IStationReferenceEvent>.Reject(Errors.Invalid, "must be a positive integer", "addressId");
        if (string.IsNullOrWhiteSpace(m.Resname)) return Decision<IStationReferenceEvent>.Reject(Errors.Invalid, "must not be empty", "resname");
        return m == current ? Decision<IStationReferenceEvent>.Accept() : Decision<IStationReferenceEvent>.Accept(new StationMerchantUpserted(m, command.Now));
    }

    public static Decision<IStationReferenceEvent> Decide(UpsertStationSku command, StationSku? current)
    {
        var s = command.Sku;
        if (string.IsNullOrWhiteSpace(s.SkuId)) return Decision<IStationReferenceEvent>.Reject(Errors.Invalid, "must not be empty", "skuId");
        if (string.IsNullOrWhiteSpace(s.SpuId)) return Decision<IStationReferenceEvent>.Reject(Errors.Invalid, "must not be empty", "spuId");
        if (s.SaleRatio <= 0) return Decision<IStationReferenceEvent>.Reject(Errors.Invalid, "must be > 0", "saleRatio");
        if (s.SalePrice < 0) return Decision<IStationReferenceEvent>.Reject(Errors.Invalid, "must be >= 0", "salePrice");
        if (current is not null && current.SpuId != s.SpuId)
            return Decision<IStationReferenceEvent>.Reject(Errors.Invalid, $"an SKU keeps its SPU ({current.SpuId})", "spuId");
        return s == current ? Decision<IStationReferenceEvent>.Accept() : Decision<IStationReferenceEvent>.Accept(new StationSkuUpserted(s, command.Now));
    }
}

public static class StationReferenceEventNames
{
    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(StationMerchantUpserted), "stations.merchant_upserted", 1),
        (typeof(StationSkuUpserted), "stations.sku_upserted", 1),
    ];

    public static string MerchantStreamId(string stationId, int addressId) => $"station-merchant-{stationId}-{addressId}";

    public static string SkuStreamId(string stationId, string skuId) => $"station-sku-{stationId}-{skuId}";
}
