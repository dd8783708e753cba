using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Projections.Vending.Catalog;
using Marten;

namespace Cabinets.Api.Vending.Handlers.Catalog;

/// <summary>
/// Each device's reports are decided in the order received against its state as it folds, so a
/// push holding several reports of one device is judged like the same reports sent one by one.
/// One transaction for the push: a concurrent change of one of its devices replays it whole.
/// </summary>
public static class ReportDeviceStatusesHandler
{
    public static async Task<CommandOutcome> Handle(ReportDeviceStatuses command, IDocumentSession session, CancellationToken ct)
    {
        int applied = 0, ignored = 0;
        var unknown = new List<string>();
        foreach (var device in command.Reports.GroupBy(r => r.DeviceCode, StringComparer.Ordinal))
        {
            var stream = await session.Events.FetchForWriting<VendingDeviceSnapshot>(VendingEventNames.Device(device.Key), ct);
            var state = stream.Aggregate?.State;
            if (state is null)
            {
                unknown.Add(device.Key);
                continue;
            }
            var events = new List<object>();
            foreach (var report in device)
            {
                var decision = DeviceDecider.Decide(report with { Now = command.Now }, state);
                if (decision.Answer is StatusReportOutcome.Applied) applied++;
                else ignored++;
                foreach (var e in decision.Events)
                {
                    state = DeviceState.Evolve(state, e);
                    events.Add(e);
                }
            }
            if (events.Count > 0) stream.AppendMany(events.ToArray());
        }
        return new CommandOutcome.Accepted(new DeviceStatusAnswer(applied, ignored, unknown), applied);
    }
}
