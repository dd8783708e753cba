using System.Collections.Concurrent;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

/// <summary>
/// Executes one operation (spec 6.2–6.4). Resolvers are started depth-first on one thread; a
/// resolver that does not finish synchronously is parked. When nothing else can run and every
/// parked resolver waits on a loader (or after a short stall), the queued data loader batches are
/// dispatched — one batch per loader per wave — and their results resume on this loop. Results
/// land in preallocated slots, so output order never depends on timing. ADR-0007.
/// </summary>
internal sealed partial class OperationExecutor : IExecutionLoop
{
    private readonly OperationContext _context;
    private readonly FieldCollector _collector;
    // Created when the first resolver parks: synchronous requests never allocate them.
    private ConcurrentQueue<Completion> _completed = null!;
    private ConcurrentQueue<Action> _scheduled = null!;
    private SemaphoreSlim _signal = null!;
    private List<GraphQLError>? _errors;
    private int _pending;

    private readonly ConcurrentDictionary<OperationDefinitionNode, CollectedFields>? _plans;

    /// <param name="plans">Where to share collected fields across requests; only for variable-free operations.</param>
    public OperationExecutor(OperationContext context, ConcurrentDictionary<OperationDefinitionNode, CollectedFields>? plans = null)
    {
        _plans = plans;
        _context = context;
        _collector = new FieldCollector(context);
        context.Loop = this;
    }

    void IExecutionLoop.Wake() => _signal?.Release();

    void IExecutionLoop.Schedule(Action action)
    {
        _scheduled.Enqueue(action);
        _signal.Release();
    }

    private void EnsureAsyncState()
    {
        if (_signal is null)
        {
            _completed = new ConcurrentQueue<Completion>();
            _scheduled = new ConcurrentQueue<Action>();
            _signal = new SemaphoreSlim(0);
        }
    }

    /// <summary>How long parked resolvers get to observe cancellation before the whole request is given up.</summary>
    private static readonly TimeSpan CancellationGrace = TimeSpan.FromMilliseconds(250);

    public IReadOnlyList<GraphQLError> Errors => _errors ?? (IReadOnlyList<GraphQLError>)[];

    public async Task<ResultNode?> ExecuteAsync()
    {
        var operation = _context.Operation;
        var rootType = _context.Schema.GetRootType(operation.Operation)!;
        var fields = _plans is null
            ? _collector.Collect(rootType, [operation.SelectionSet])
            : _plans.GetOrAdd(operation, o => _collector.Collect(rootType, [o.SelectionSet]));
        var root = new ResultNode(fields.Keys, fields.Fields.Length, null, 0, nonNullInParent: true);
        var source = _context.Request.RootValue;
        var serial = operation.Operation == OperationType.Mutation;
        for (var i = 0; i < fields.Fields.Length; i++)
        {
            var field = fields.Fields[i];
            ExecuteField(root, i, rootType, field, source, new ResponsePath(root, i));
            if (serial)
            {
                await DrainAsync().ConfigureAwait(false);
            }
        }

        await DrainAsync().ConfigureAwait(false);
        return root.IsNulled ? null : root;
    }

    private void ExecuteField(ResultNode parent, int index, ObjectType parentType, CollectedField field, object? source, ResponsePath path)
    {
        var definition = field.Definition;
        if (definition is null)
        {
            parent.Values[index] = parentType.Name;
            return;
        }

        try
        {
            if (definition.SourceResolver is { } fromSource && definition.RequiredPermissions.Count == 0)
            {
                Complete(parent, index, definition.Type, field, fromSource(source), path);
                return;
            }

            var arguments = field.Arguments ??= ArgumentCoercion.Coerce(definition, field.Node, _context.Variables);
            var context = new ResolveContext(_context, parentType, definition, field.Node, source, arguments, path);
            if (definition.RequiredPermissions.Count > 0 && !IsAuthorized(context))
            {
                AddError(new GraphQLError(
                    $"You are not authorized to read {parentType.Name}.{definition.Name}.",
                    Locations(field),
                    path.ToList(),
                    ErrorCodes.Forbidden));
                parent.SetNull(index, definition.Type.IsNonNull);
                return;
            }

            var result = definition.Resolver is { } resolver ? resolver(context)
                : definition.SourceResolver is { } sourceResolver ? new ValueTask<object?>(sourceResolver(source))
                : new ValueTask<object?>(DefaultResolve(source, definition.Name));
            if (result.IsCompletedSuccessfully)
            {
                Complete(parent, index, definition.Type, field, result.Result, path);
                return;
            }

            _pending++;
            EnsureAsyncState();
            _ = AwaitAsync(result, new Pending(parent, index, definition.Type, field, path));
        }
        catch (Exception e)
        {
            FieldError(e, field, path);
            parent.SetNull(index, definition.Type.IsNonNull);
        }
    }

    private bool IsAuthorized(ResolveContext context) => _context.Options.Authorize?.Invoke(context) ?? false;

    private static object? DefaultResolve(object? source, string name) => source switch
    {
        IReadOnlyDictionary<string, object?> map => map.GetValueOrDefault(name),
        IDictionary<string, object?> map => map.TryGetValue(name, out var value) ? value : null,
        _ => null,
    };

    private async Task AwaitAsync(ValueTask<object?> result, Pending pending)
    {
        try
        {
            var value = await result.ConfigureAwait(false);
            _completed.Enqueue(new Completion(pending, value, null));
        }
        catch (Exception e)
        {
            _completed.Enqueue(new Completion(pending, null, e));
        }

        _signal.Release();
    }

    /// <summary>Runs until no resolver is parked, dispatching data loaders whenever nothing else can proceed.</summary>
    private async Task DrainAsync()
    {
        while (_pending > 0)
        {
            while (_scheduled.TryDequeue(out var action))
            {
                action();
            }

            while (_completed.TryDequeue(out var completion))
            {
                _pending--;
                var p = completion.Pending;
                if (completion.Error is { } error)
                {
                    FieldError(error, p.Field, p.Path);
                    p.Parent.SetNull(p.Index, p.Type.IsNonNull);
                }
                else
                {
                    Complete(p.Parent, p.Index, p.Type, p.Field, completion.Value, p.Path);
                }
            }

            if (_pending == 0 || !_completed.IsEmpty || !_scheduled.IsEmpty
                || (_context.HasDataLoaders && _context.DataLoaders.Waiters >= _pending && _context.DataLoaders.DispatchAll()))
            {
                continue;
            }

            // Keys are queued but some parked resolver is not (known to be) waiting on a loader: wait
            // for it, yet never for long — a miscounted waiter must cost milliseconds, not a timeout.
            var keysQueued = _context.HasDataLoaders && _context.DataLoaders.HasQueuedKeys;
            if (!await WaitAsync(keysQueued ? _context.Options.LoaderStall : Timeout.InfiniteTimeSpan).ConfigureAwait(false))
            {
                _context.DataLoaders.DispatchAll();
            }
        }
    }

    // After the timeout fires, resolvers that honour the token finish within the grace period and
    // are reported as field errors; if any is still parked after it, the request is abandoned.
    private async Task<bool> WaitAsync(TimeSpan limit)
    {
        var token = _context.CancellationToken;
        if (!token.IsCancellationRequested)
        {
            try
            {
                return await _signal.WaitAsync(limit, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
        }

        if (!await _signal.WaitAsync(CancellationGrace).ConfigureAwait(false))
        {
            throw new OperationCanceledException(token);
        }

        return true;
    }

    private readonly record struct Pending(ResultNode Parent, int Index, GraphQLType Type, CollectedField Field, ResponsePath Path);

    private readonly record struct Completion(Pending Pending, object? Value, Exception? Error);
}
