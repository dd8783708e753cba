using Cabinets.Domain.Stations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.Reference;
using static Cabinets.Api.Stations.StationMoney;

namespace Cabinets.Api.Stations;

/// <summary>
/// The station REST answers, rendered from the order snapshot with TAX.md §1.7: taxes are derived
/// at read time from the captured rates (events hold rates and prices, never taxes).
/// </summary>
public static class StationViews
{
    /// <summary>The seed's `last_*_price` dicts (L663-670): prices this module does not hold.</summary>
    public static readonly object LastPrice = new { earlier = Array.Empty<object>(), newest = new { purchase_supplier_id = (string?)null, purchase_supplier_name = (string?)null, price = (long?)null } };

    /// <summary>One line's figures at a quantity and unit price (the order's, or the sheet's).</summary>
    public sealed record LineFigures(long Amount, long Tax, long AmountWithoutTax, long UnitWithoutTax)
    {
        public static LineFigures Of(decimal quantity, long unitPrice, int rate)
        {
            var amount = TaxArithmetic.Amount(quantity, unitPrice);
            var tax = TaxArithmetic.TaxOf(amount, rate);
            return new LineFigures(amount, tax, amount - tax, TaxArithmetic.WithoutTax(unitPrice, rate));
        }
    }

    public static Dictionary<string, object?> OrderDetail(StationOrderState o, StationMerchant? merchant, IReadOnlyDictionary<string, StationSku> skus)
    {
        var lines = o.Lines.Select(l => DetailLine(l, skus.GetValueOrDefault(l.SkuId), o.IsPrinted)).ToList();
        var figures = o.Lines.Select(l => LineFigures.Of(l.Quantity, l.UnitPrice, l.TaxRate)).ToList();
        var total = figures.Sum(f => f.Amount);
        return new()
        {
            ["_id"] = o.OrderId, ["station_id"] = o.StationId, ["status"] = o.Status, ["pay_status"] = o.PayStatus,
            ["time_config_id"] = o.TimeConfigId, ["remark"] = o.Remark ?? "", ["client"] = o.Client, ["client_desc"] = "后台下单",
            ["create_time"] = LocalSeconds(o.CreatedAt), ["date_time"] = LocalSeconds(o.CreatedAt), ["modify_time"] = LocalSeconds(o.ModifiedAt),
            ["total_price"] = total, ["total_pay"] = total, ["real_price"] = total, ["origin_total_price"] = total, ["fake_total_price"] = total,
            ["freight"] = 0, ["coupon_amount"] = 0, ["paid_amount"] = 0, ["real_pay"] = 0, ["refund_amount"] = 0, ["freeze"] = 0,
            ["total_tax"] = Yuan(figures.Sum(f => f.Tax)),
            ["customer"] = new Dictionary<string, object?>
            {
                ["uid"] = o.Uid, ["address_id"] = o.AddressId, ["address"] = o.Address ?? merchant?.Address ?? "",
                ["address_sign_id"] = merchant?.AddressSignId, ["receiver_name"] = merchant?.ReceiverName ?? "",
                ["receiver_phone"] = merchant?.ReceiverPhone ?? "", ["receive_way"] = merchant?.ReceiveWay ?? 1,
                ["extender"] = new { resname = merchant?.Resname ?? "", order_pay_method = (string?)null },
                ["receive_begin_time"] = LocalMinutes(o.ReceiveBeginTime), ["receive_end_time"] = LocalMinutes(o.ReceiveEndTime),
            },
            ["salemenu_ids"] = o.Lines.Select(l => skus.GetValueOrDefault(l.SkuId)?.SalemenuId).Where(s => s is not null).Distinct().ToList(),
            ["district_code"] = merchant?.DistrictCode ?? "", ["district_name"] = merchant?.DistrictName ?? "",
            ["has_delivery_sheet"] = o.Sheet is not null,
            ["details"] = lines,
        };
    }

    private static Dictionary<string, object?> DetailLine(StationOrderLine l, StationSku? sku, bool printed)
    {
        var f = LineFigures.Of(l.Quantity, l.UnitPrice, l.TaxRate);
        var ratio = sku?.SaleRatio ?? 1m;
        var std = TaxArithmetic.PerBaseUnit(l.UnitPrice, ratio);
        return new()
        {
            ["id"] = l.SkuId, ["name"] = sku?.Name ?? "", ["spu_id"] = l.SpuId, ["sale_unit_name"] = sku?.SaleUnitName ?? "",
            ["std_unit_name"] = sku?.StdUnitName ?? "", ["sale_ratio"] = Qty(ratio), ["salemenu_id"] = sku?.SalemenuId ?? "",
            ["category_title_1"] = sku?.Category1Title ?? "", ["category_title_2"] = sku?.Category2Title ?? "", ["outer_id"] = sku?.OuterId ?? "",
            ["supplier_name"] = sku?.SupplierName ?? "", ["is_weigh"] = sku?.IsWeigh ?? false, ["spu_remark"] = l.SpuRemark ?? "",
            ["is_price_timing"] = l.IsPriceTiming, ["is_print"] = printed,
            ["quantity"] = Qty(l.Quantity), ["real_quantity"] = Qty(l.Quantity), ["accept_quantity"] = Qty(l.Quantity), ["purchase_quantity"] = Qty(l.Quantity),
            ["sorting_saleunit_weighting_quantity"] = Qty(l.Quantity),
            ["std_unit_quantity"] = Qty(l.Quantity * ratio), ["std_real_quantity"] = Qty(l.Quantity * ratio),
            ["sale_price"] = Yuan(l.UnitPrice), ["std_sale_price"] = std, ["latest_std_sale_price"] = std, ["origin_item_price"] = l.UnitPrice,
            ["fake_item_price"] = l.UnitPrice, ["origin_sale_price"] = l.UnitPrice,
            ["sale_money"] = f.Amount, ["total_item_price"] = f.Amount, ["real_item_price"] = f.Amount, ["total_item_pay"] = f.Amount,
            ["tax_rate"] = l.TaxRate, ["is_set_tax"] = l.IsSetTax ? 1 : 0, ["tax"] = Yuan(f.Tax),
            ["sale_price_without_tax"] = Yuan(f.UnitWithoutTax), ["real_item_price_without_tax"] = Yuan(f.AmountWithoutTax),
            ["last_purchase_price"] = LastPrice, ["last_in_stock_price"] = LastPrice, ["last_quote_price"] = LastPrice,
        };
    }

    /// <summary>A printed sheet (TAX.md §4.2.10): type 1 from the order, type 2 from the sheet (or the order when there is none).</summary>
    public static Dictionary<string, object?> Sheet(StationOrderState o, StationMerchant? merchant, IReadOnlyDictionary<string, StationSku> skus, int type)
    {
        var fromSheet = type == 2 && o.Sheet is not null;
        var rows = o.Lines.Select(l =>
        {
            var sheetLine = fromSheet ? o.Sheet!.Lines.FirstOrDefault(s => s.Ordered.SkuId == l.SkuId) : null;
            var realQuantity = sheetLine?.RealQuantity ?? l.Quantity;
            var unitPrice = sheetLine?.UnitPrice ?? l.UnitPrice;
            return (Line: l, Sku: skus.GetValueOrDefault(l.SkuId), RealQuantity: realQuantity, UnitPrice: unitPrice, Remark: sheetLine?.Remark,
                Ordered: LineFigures.Of(l.Quantity, unitPrice, l.TaxRate), Real: LineFigures.Of(realQuantity, unitPrice, l.TaxRate));
        }).ToList();
        var realPrice = rows.Sum(r => r.Real.Amount);
        var totalTax = rows.Sum(r => r.Real.Tax);
        return new()
        {
            ["id"] = o.OrderId, ["sid"] = o.AddressId, ["resname"] = merchant?.Resname ?? "", ["cname"] = merchant?.Cname ?? "",
            ["address"] = o.Address ?? merchant?.Address ?? "", ["receiver_name"] = merchant?.ReceiverName ?? "", ["receiver_phone"] = merchant?.ReceiverPhone ?? "",
            ["city"] = merchant?.City ?? "", ["area_l1"] = merchant?.AreaL1 ?? "", ["area_l2"] = merchant?.AreaL2 ?? "",
            ["address_route_name"] = merchant?.RouteName ?? "", ["remark"] = (fromSheet ? o.Sheet!.Remark : null) ?? o.Remark ?? "",
            ["tax_number"] = o.TaxNumber,
            ["receive_begin_time"] = LocalMinutes(o.ReceiveBeginTime), ["receive_end_time"] = LocalMinutes(o.ReceiveEndTime),
            ["date_time"] = LocalSeconds(o.CreatedAt),
            ["total_price"] = Num(rows.Sum(r => r.Ordered.Amount)), ["real_price"] = Num(realPrice), ["total_pay"] = Num(realPrice),
            ["total_tax"] = Yuan(totalTax), ["real_price_without_tax"] = Yuan(realPrice - totalTax),
            ["freight"] = 0, ["coupon_amount"] = 0, ["refund_money"] = 0, ["abnormal_money"] = 0,
            ["details"] = rows.Select(r => new Dictionary<string, object?>
            {
                ["id"] = r.Line.SkuId, ["name"] = r.Sku?.Name ?? "", ["spu_name"] = r.Sku?.SpuName ?? "", ["remark"] = r.Remark ?? r.Line.SpuRemark ?? "",
                ["outer_id"] = r.Sku?.OuterId ?? "", ["salemenu_id"] = r.Sku?.SalemenuId ?? "", ["pinlei_title"] = r.Sku?.PinleiTitle ?? "",
                ["category_title_1"] = r.Sku?.Category1Title ?? "", ["category_title_2"] = r.Sku?.Category2Title ?? "",
                ["supplier_id"] = r.Sku?.SupplierId ?? "", ["supplier_name"] = r.Sku?.SupplierName ?? "", ["purchase_station_id"] = o.StationId,
                ["specs"] = r.Sku?.Specs ?? "", ["sale_unit_name"] = r.Sku?.SaleUnitName ?? "", ["std_unit_name"] = r.Sku?.StdUnitName ?? "",
                ["sale_ratio"] = Qty(r.Sku?.SaleRatio ?? 1m), ["is_price_timing"] = r.Line.IsPriceTiming ? 1 : 0, ["real_is_weight"] = r.Sku?.IsWeigh ?? false,
                ["union_dispatch"] = true,
                ["quantity"] = Qty(r.Line.Quantity), ["saleunit_weighting_quantity"] = Qty(r.RealQuantity), ["real_weight"] = Qty(r.RealQuantity * (r.Sku?.SaleRatio ?? 1m)),
                ["sale_price"] = Num(r.UnitPrice), ["std_sale_price"] = Num(TaxArithmetic.PerBaseUnit(r.UnitPrice, r.Sku?.SaleRatio ?? 1m)),
                ["org_sale_price"] = Num(r.Line.UnitPrice), ["org_std_sale_price"] = Num(TaxArithmetic.PerBaseUnit(r.Line.UnitPrice, r.Sku?.SaleRatio ?? 1m)),
                ["origin_item_price"] = Num(r.Line.UnitPrice), ["org_item_price"] = Num(TaxArithmetic.Amount(r.Line.Quantity, r.Line.UnitPrice)),
                ["total_item_price"] = Num(r.Ordered.Amount), ["real_item_price"] = Num(r.Real.Amount),
                ["tax_rate"] = r.Line.TaxRate, ["is_set_tax"] = r.Line.IsSetTax ? 1 : 0, ["tax"] = Yuan(r.Real.Tax),
                ["sale_price_without_tax"] = Yuan(r.Real.UnitWithoutTax), ["real_item_price_without_tax"] = Yuan(r.Real.AmountWithoutTax),
            }).ToList(),
        };
    }
}
