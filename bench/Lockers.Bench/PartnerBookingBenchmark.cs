using Cabinets.Station.Bench;

namespace Cabinets.Lockers.Bench;

internal sealed class PartnerBookingBenchmark(BenchServer server, BenchSettings settings)
{
    public sealed record Outcome
    {
        public void Print(TextWriter o, BenchSettings s) => o.WriteLine("partner booking: not yet");
    }

    public Task<Outcome> RunAsync(Action<string> progress, CancellationToken ct)
    {
        _ = server;
        _ = settings;
        progress("partner booking: not built yet");
        return Task.FromResult(new Outcome());
    }
}
