using System.Diagnostics;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

/// <summary>The state of one operation's execution, shared by all its resolvers.</summary>
internal sealed class OperationContext(
    Schema schema,
    ExecutionRequest request,
    OperationDefinitionNode operation,
    IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
    IReadOnlyDictionary<string, object?> variables,
    ExecutorOptions options,
    CancellationToken callerToken) : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private CancellationTokenSource? _timeout;
    private DataLoaderRegistry? _dataLoaders;

    public Schema Schema { get; } = schema;

    public ExecutionRequest Request { get; } = request;

    public OperationDefinitionNode Operation { get; } = operation;

    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; } = fragments;

    public IReadOnlyDictionary<string, object?> Variables { get; } = variables;

    public ExecutorOptions Options { get; } = options;

    /// <summary>
    /// The caller's cancellation plus the request timeout. Created on first use: a request whose
    /// resolvers all finish synchronously never pays for a timer.
    /// </summary>
    public CancellationToken CancellationToken
    {
        get
        {
            if (_timeout is null)
            {
                var created = CancellationTokenSource.CreateLinkedTokenSource(callerToken, Request.CancellationToken);
                var remaining = Options.Timeout - Stopwatch.GetElapsedTime(_started);
                created.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
                if (Interlocked.CompareExchange(ref _timeout, created, null) is not null)
                {
                    created.Dispose();
                }
            }

            return _timeout.Token;
        }
    }

    /// <summary>Whether the timeout, not the caller, cancelled the request.</summary>
    public bool TimedOut =>
        _timeout?.IsCancellationRequested == true
        && !callerToken.IsCancellationRequested
        && !Request.CancellationToken.IsCancellationRequested;

    public DataLoaderRegistry DataLoaders
    {
        get
        {
            if (_dataLoaders is null)
            {
                Interlocked.CompareExchange(ref _dataLoaders, new DataLoaderRegistry(this), null);
            }

            return _dataLoaders;
        }
    }

    /// <summary>The executor's loop, which loaders wake and hand their results to.</summary>
    public IExecutionLoop? Loop { get; set; }

    /// <summary>Whether any resolver asked for a loader (the executor only dispatches then).</summary>
    public bool HasDataLoaders => _dataLoaders is not null;

    // A timed-out request may leave resolvers running that still read the token; the source is
    // then left to the garbage collector rather than disposed under them.
    public void Dispose()
    {
        if (!TimedOut)
        {
            _timeout?.Dispose();
        }
    }
}

/// <summary>What loaders need from the executor's loop.</summary>
internal interface IExecutionLoop
{
    /// <summary>Wakes the loop if it waits (a resolver resuming elsewhere started waiting on a loader).</summary>
    void Wake();

    /// <summary>Runs <paramref name="action"/> on the loop (completing an asynchronously loaded batch).</summary>
    void Schedule(Action action);
}
