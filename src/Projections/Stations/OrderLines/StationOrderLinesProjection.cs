using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Projections.Lockers.FreeDoors;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Cabinets.Projections.Stations.OrderLines;

/// <summary>
/// Keeps <see cref="StationOrderLineTables"/> (async): every order event becomes the row changes it
/// implies, queued on Marten's unit of work so they commit with the projection's progress. V1 order
/// events arrive already upcast. Idempotent row writes (upserts, deletes by key), so a replay of a
/// batch after a crash leaves the same rows.
/// </summary>
public sealed class StationOrderLinesProjection : IProjection
{
    public const string ProjectionName = "station_order_lines";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var statement in Statements(events)) operations.QueueSqlCommand(statement.Sql, [.. statement.Arguments]);
        return Task.CompletedTask;
    }

    /// <param name="S">The schema to write to: the live one, or a scratch copy (replay-and-compare).</param>
    public static ProjectionStatements Statements(IReadOnlyList<IEvent> events, string S = StationOrderLineTables.Schema)
    {
        var batch = new ProjectionStatements();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case StationOrderCreated c:
                    Add(batch, $"""
                        insert into {S}.station_orders (order_id, station_id, address_id, created_at, receive_begin_time, time_config_id, status, pay_status)
                        values (?, ?, ?, ?, ?, ?, {StationOrderStatus.WaitingSorting}, {StationPayStatus.Unpaid})
                        on conflict (order_id) do nothing
                        """, c.OrderId, c.StationId, c.AddressId, c.At, c.ReceiveBeginTime, c.TimeConfigId);
                    foreach (var line in c.Lines) UpsertLine(batch, S, c.OrderId, line);
                    break;
                case StationOrderEdited ed:
                    foreach (var removed in ed.RemovedSkuIds) Add(batch, $"delete from {S}.station_order_lines where order_id = ? and sku_id = ?", ed.OrderId, removed);
                    foreach (var line in ed.Added.Concat(ed.Changed)) UpsertLine(batch, S, ed.OrderId, line);
                    foreach (var remark in ed.RemarkOnly)
                        Add(batch, $"update {S}.station_order_lines set spu_remark = ? where order_id = ? and sku_id = ?", Db(remark.SpuRemark), ed.OrderId, remark.SkuId);
                    if (ed.ReceiveBeginTime is { } begin) Add(batch, $"update {S}.station_orders set receive_begin_time = ? where order_id = ?", begin, ed.OrderId);
                    break;
                case StationOrderStatusChanged s:
                    Add(batch, $"update {S}.station_orders set status = ? where order_id = ?", s.To, s.OrderId);
                    break;
                case StationOrderPayStatusChanged p:
                    Add(batch, $"update {S}.station_orders set pay_status = ? where order_id = ?", p.To, p.OrderId);
                    break;
                case DeliverySheetOpened o:
                    Add(batch, $"update {S}.station_orders set has_sheet = true where order_id = ?", o.OrderId);
                    foreach (var l in o.Lines)
                        Add(batch, $"update {S}.station_order_lines set real_quantity = ?, real_unit_price = ? where order_id = ? and sku_id = ?",
                            l.RealQuantity, l.UnitPrice, o.OrderId, l.Ordered.SkuId);
                    break;
                case DeliverySheetUpdated u:
                    foreach (var change in u.Changes)
                        Add(batch, $"""
                            update {S}.station_order_lines set real_quantity = ?, real_unit_price = coalesce(?, real_unit_price), weighted = true
                             where order_id = ? and sku_id = ?
                            """, change.RealQuantity, (object?)change.UnitPrice ?? DBNull.Value, u.OrderId, change.SkuId);
                    break;
                case DeliverySheetPrinted p:
                    Add(batch, $"update {S}.station_orders set is_print = true where order_id = ?", p.OrderId);
                    break;
                case StationMerchantUpserted m:
                    Add(batch, $"""
                        insert into {S}.station_merchants (station_id, address_id, resname, route_id, route_name) values (?, ?, ?, ?, ?)
                        on conflict (station_id, address_id) do update set resname = excluded.resname, route_id = excluded.route_id, route_name = excluded.route_name
                        """, m.Merchant.StationId, m.Merchant.AddressId, m.Merchant.Resname, (object?)m.Merchant.RouteId ?? DBNull.Value,
                        Db(m.Merchant.RouteName));
                    break;
                case StationSkuUpserted k:
                    var sku = k.Sku;
                    Add(batch, $"""
                        insert into {S}.station_skus (station_id, sku_id, spu_id, name, outer_id, salemenu_id, salemenu_name, category1_id, category2_id,
                                                      pinlei_id, is_weigh, std_unit_name, sale_ratio)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (station_id, sku_id) do update set spu_id = excluded.spu_id, name = excluded.name, outer_id = excluded.outer_id,
                            salemenu_id = excluded.salemenu_id, salemenu_name = excluded.salemenu_name, category1_id = excluded.category1_id,
                            category2_id = excluded.category2_id, pinlei_id = excluded.pinlei_id, is_weigh = excluded.is_weigh,
                            std_unit_name = excluded.std_unit_name, sale_ratio = excluded.sale_ratio
                        """, sku.StationId, sku.SkuId, sku.SpuId, sku.Name, Db(sku.OuterId), Db(sku.SalemenuId), Db(sku.SalemenuName), Db(sku.Category1Id),
                        Db(sku.Category2Id), Db(sku.PinleiId), sku.IsWeigh, Db(sku.StdUnitName), sku.SaleRatio);
                    break;
            }
        }
        return batch;
    }

    private static void UpsertLine(ProjectionStatements batch, string S, string orderId, StationOrderLine l) => Add(batch, $"""
        insert into {S}.station_order_lines (order_id, sku_id, spu_id, quantity, unit_price, is_price_timing, spu_remark, tax_rate, is_set_tax)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (order_id, sku_id) do update set spu_id = excluded.spu_id, quantity = excluded.quantity, unit_price = excluded.unit_price,
            is_price_timing = excluded.is_price_timing, spu_remark = excluded.spu_remark, tax_rate = excluded.tax_rate, is_set_tax = excluded.is_set_tax
        """, orderId, l.SkuId, l.SpuId, l.Quantity, l.UnitPrice, l.IsPriceTiming, Db(l.SpuRemark), l.TaxRate, l.IsSetTax);

    private static object Db(string? value) => (object?)value ?? DBNull.Value;

    private static void Add(ProjectionStatements batch, string sql, params object[] args)
    {
        var statement = new ProjectionStatement(sql);
        // timestamptz takes UTC offsets only (Npgsql 10); local times stay local only in the answers.
        statement.Arguments.AddRange(args.Select(a => a is DateTimeOffset t ? t.ToUniversalTime() : a));
        batch.Add(statement);
    }
}
