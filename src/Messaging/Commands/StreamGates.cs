using System.Collections.Concurrent;

namespace Cabinets.Messaging.Commands;

/// <summary>
/// Commands on one stream take turns within this process. Two commands racing for a stream in
/// the same node would otherwise both read, both decide, and one would lose at the append
/// (rollback, reload, decide again). Across nodes the append's version check still decides; this
/// only removes the losses a node can see coming.
/// </summary>
internal sealed class StreamGates
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    private sealed class Gate
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; } // -1: retired, a newcomer makes a new one
    }

    public async Task<IAsyncDisposable> EnterAsync(string stream, CancellationToken ct)
    {
        Gate gate;
        while (true)
        {
            gate = _gates.GetOrAdd(stream, _ => new Gate());
            lock (gate)
            {
                if (gate.Users < 0) continue;
                gate.Users++;
                break;
            }
        }
        try
        {
            await gate.Turn.WaitAsync(ct);
        }
        catch
        {
            Leave(stream, gate);
            throw;
        }
        return new Turn(this, stream, gate);
    }

    private void Leave(string stream, Gate gate)
    {
        lock (gate)
        {
            if (--gate.Users > 0) return;
            gate.Users = -1;
            _gates.TryRemove(new KeyValuePair<string, Gate>(stream, gate));
        }
    }

    private sealed class Turn(StreamGates gates, string stream, Gate gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Turn.Release();
            gates.Leave(stream, gate);
            return ValueTask.CompletedTask;
        }
    }
}
