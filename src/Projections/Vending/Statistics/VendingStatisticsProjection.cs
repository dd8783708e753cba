using Cabinets.Domain.Vending;
using Cabinets.Projections.Lockers.FreeDoors;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Cabinets.Projections.Vending.Statistics;

/// <summary>
/// Keeps <see cref="VendingStatisticsTables"/> (async, VENDING.md §2.12): every event becomes the
/// row changes it implies, queued on Marten's unit of work so they commit with the projection's
/// progress. Each change is idempotent by event — a sum only grows with a movement row keyed by the
/// event's sequence, a flag or a first payment is set once, a device moves only past its last
/// applied event — so a batch applied again after a crash, or a replay over the existing rows,
/// leaves the same rows. A rebuild empties the tables first (teardown in CritterStackSetup).
/// </summary>
public sealed class VendingStatisticsProjection : IProjection
{
    public const string ProjectionName = "vending_statistics";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var statement in Statements(events)) operations.QueueSqlCommand(statement.Sql, [.. statement.Arguments]);
        return Task.CompletedTask;
    }

    public static ProjectionStatements Statements(IReadOnlyList<IEvent> events)
    {
        var batch = new ProjectionStatements();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case VendingOrderRecorded o: SalesStatements.OrderRecorded(batch, o); break;
                case ProductSynced p: SalesStatements.ProductSynced(batch, p); break;
                case ChargeStarted c: ChargeStatements.Started(batch, c); break;
                case PaymentSucceeded p:
                    SalesStatements.PaymentSucceeded(batch, e.Sequence, p);
                    ChargeStatements.Succeeded(batch, p);
                    break;
                case PaymentFailed f: ChargeStatements.Failed(batch, f); break;
                case RefundSucceeded r: SalesStatements.RefundSucceeded(batch, e.Sequence, r); break;
                case DeviceRegistered r: DeviceStatusStatements.Registered(batch, e.Sequence, r); break;
                case DeviceStatusChanged s: DeviceStatusStatements.StatusChanged(batch, e.Sequence, s); break;
                case DeviceMoved m: DeviceStatusStatements.Moved(batch, e.Sequence, m); break;
                case DeviceDecommissioned d: DeviceStatusStatements.Decommissioned(batch, e.Sequence, d); break;
                case ExceptionOrderRaised x: OperationsStatements.ExceptionRaised(batch, x); break;
                case ExceptionOrderApproved a: OperationsStatements.ExceptionReviewed(batch, a.OrderNo); break;
                case ExceptionOrderVoided v: OperationsStatements.ExceptionReviewed(batch, v.OrderNo); break;
                case ManualTaskOpened t: OperationsStatements.TaskOpened(batch, t); break;
                case ManualTaskResolved t: OperationsStatements.TaskResolved(batch, t); break;
                case ComplaintFiled c: OperationsStatements.ComplaintFiled(batch, c); break;
                case ComplaintResolved c: OperationsStatements.ComplaintResolved(batch, c); break;
            }
        }
        return batch;
    }
}
