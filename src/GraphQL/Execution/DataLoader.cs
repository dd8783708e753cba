namespace Cabinets.GraphQL.Execution;

/// <summary>Loads many keys at once; keys missing from the result resolve to <c>default</c>.</summary>
public delegate Task<IReadOnlyDictionary<TKey, TValue>> BatchLoadFunction<TKey, TValue>(
    IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    where TKey : notnull;

/// <summary>Something the executor can flush once every resolver of the current wave has run.</summary>
internal interface IDispatchable
{
    bool HasPending { get; }

    void Dispatch();
}

/// <summary>
/// Per-request batching and caching of loads by key. <see cref="LoadAsync"/> only queues the key;
/// the executor calls the batch function once it has started every resolver it can (a "wave"),
/// so N sibling resolvers that each load one key cause one batch call.
/// </summary>
public sealed class DataLoader<TKey, TValue> : IDispatchable
    where TKey : notnull
{
    private readonly BatchLoadFunction<TKey, TValue> _batch;
    private readonly DataLoaderRegistry _registry;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<TKey, Task<TValue>> _cache = [];
    private readonly Lock _lock = new();
    private Dictionary<TKey, TaskCompletionSource<TValue>> _queued = [];

    internal DataLoader(BatchLoadFunction<TKey, TValue> batch, DataLoaderRegistry registry, CancellationToken cancellationToken)
    {
        _batch = batch;
        _registry = registry;
        _cancellationToken = cancellationToken;
    }

    /// <summary>How many times the batch function has been called (for tests and diagnostics).</summary>
    public int BatchCount { get; private set; }

    public bool HasPending
    {
        get
        {
            lock (_lock)
            {
                return _queued.Count > 0;
            }
        }
    }

    public Task<TValue> LoadAsync(TKey key)
    {
        lock (_lock)
        {
            if (_cache.TryGetValue(key, out var cached))
            {
                if (_queued.ContainsKey(key))
                {
                    _registry.CountWaiter();
                }

                return cached;
            }

            var completion = new TaskCompletionSource<TValue>();
            _queued.Add(key, completion);
            _cache.Add(key, completion.Task);
            _registry.CountWaiter();
            return completion.Task;
        }
    }

    public Task<TValue[]> LoadManyAsync(IEnumerable<TKey> keys) => Task.WhenAll(keys.Select(LoadAsync));

    void IDispatchable.Dispatch()
    {
        Dictionary<TKey, TaskCompletionSource<TValue>> batch;
        lock (_lock)
        {
            if (_queued.Count == 0)
            {
                return;
            }

            batch = _queued;
            _queued = [];
            BatchCount++;
        }

        Task<IReadOnlyDictionary<TKey, TValue>> loading;
        try
        {
            loading = _batch([.. batch.Keys], _cancellationToken);
        }
        catch (Exception e)
        {
            loading = Task.FromException<IReadOnlyDictionary<TKey, TValue>>(e);
        }

        if (loading.IsCompleted)
        {
            Complete(loading, batch);
        }
        else
        {
            // Hand the results to the executor's loop so that every waiting resolver resumes there,
            // before the next dispatch: otherwise the next level could be split into several batches.
            loading.ContinueWith(
                t => _registry.Schedule(() => Complete(t, batch)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private static void Complete(Task<IReadOnlyDictionary<TKey, TValue>> loading, Dictionary<TKey, TaskCompletionSource<TValue>> batch)
    {
        if (!loading.IsCompletedSuccessfully)
        {
            var error = loading.Exception?.InnerException ?? new TaskCanceledException();
            foreach (var completion in batch.Values)
            {
                completion.TrySetException(error);
            }

            return;
        }

        var values = loading.Result;
        foreach (var (key, completion) in batch)
        {
            completion.TrySetResult(values.TryGetValue(key, out var value) ? value : default!);
        }
    }
}
