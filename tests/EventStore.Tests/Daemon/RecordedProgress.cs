using Cabinets.EventStore.Daemon;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>Every progress report of a rebuild, in order.</summary>
internal sealed class RecordedProgress : IProgress<RebuildProgress>
{
    public List<RebuildProgress> Reports { get; } = [];

    public void Report(RebuildProgress value)
    {
        lock (Reports) Reports.Add(value);
    }
}
