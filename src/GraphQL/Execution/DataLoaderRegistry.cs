namespace Cabinets.GraphQL.Execution;

/// <summary>The loaders of one request, by name.</summary>
internal sealed class DataLoaderRegistry(OperationContext operation)
{
    /// <summary>Runs an action on the executor's loop, or inline when there is none.</summary>
    public void Schedule(Action action)
    {
        if (operation.Loop is { } loop)
        {
            loop.Schedule(action);
        }
        else
        {
            action();
        }
    }

    private readonly Dictionary<string, IDispatchable> _loaders = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public DataLoader<TKey, TValue> GetOrCreate<TKey, TValue>(string name, BatchLoadFunction<TKey, TValue> batch)
        where TKey : notnull
    {
        lock (_lock)
        {
            if (_loaders.TryGetValue(name, out var existing))
            {
                return existing as DataLoader<TKey, TValue>
                    ?? throw new InvalidOperationException($"Data loader \"{name}\" already exists with other key or value types.");
            }

            var loader = new DataLoader<TKey, TValue>(batch, this, operation.CancellationToken);
            _loaders.Add(name, loader);
            return loader;
        }
    }

    private int _waiters;

    /// <summary>
    /// Loads asked for since the last dispatch. The executor dispatches only when every parked
    /// resolver is such a waiter: siblings still doing their own I/O (say, five cabinet lookups)
    /// would otherwise each trigger a batch of one as they finish, instead of one batch of five.
    /// </summary>
    public int Waiters => Volatile.Read(ref _waiters);

    public void CountWaiter()
    {
        Interlocked.Increment(ref _waiters);

        // A resolver resuming from its own I/O on the thread pool may be the last one to start
        // waiting; the executor must then wake up to dispatch.
        operation.Loop?.Wake();
    }

    /// <summary>Whether any loader has keys waiting for a dispatch.</summary>
    public bool HasQueuedKeys
    {
        get
        {
            lock (_lock)
            {
                foreach (var loader in _loaders.Values)
                {
                    if (loader.HasPending)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    /// <summary>Runs every loader's queued batch; returns whether any batch was started.</summary>
    public bool DispatchAll()
    {
        Interlocked.Exchange(ref _waiters, 0);
        IDispatchable[] loaders;
        lock (_lock)
        {
            if (_loaders.Count == 0)
            {
                return false;
            }

            loaders = [.. _loaders.Values];
        }

        var dispatched = false;
        foreach (var loader in loaders)
        {
            if (loader.HasPending)
            {
                loader.Dispatch();
                dispatched = true;
            }
        }

        return dispatched;
    }
}
