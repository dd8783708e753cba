using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;
using Cabinets.GraphQL.Validation;

namespace Cabinets.GraphQL.Execution;

/// <summary>
/// Runs requests against one schema: parse (cached by text) → validate (cached) → choose the
/// operation → coerce variables → check depth and cost → execute under the timeout. Thread-safe;
/// create one per schema and reuse it.
/// </summary>
public sealed class Executor
{
    private readonly DocumentCache _cache;
    private readonly bool _rulesUseVariables;

    public Executor(Schema schema, ExecutorOptions? options = null)
    {
        Schema = schema;
        Options = options ?? ExecutorOptions.Default;
        _cache = new DocumentCache(Options.DocumentCacheSize);
        _rulesUseVariables = Options.ValidationRules.Any(r => r.UsesVariables);
    }

    public Schema Schema { get; }

    public ExecutorOptions Options { get; }

    public async ValueTask<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        var cached = _cache.GetOrAdd(request.Query, Prepare);
        if (cached.Document is not { } document)
        {
            return ExecutionResult.RequestError(cached.Errors);
        }

        var rawVariables = request.Variables ?? VariableCoercion.FromJson(request.VariablesJson);
        var errors = cached.Errors;
        if (errors.Count == 0 && _rulesUseVariables)
        {
            errors = Validator.Validate(Schema, document, [.. Options.ValidationRules.Where(r => r.UsesVariables)], rawVariables, Options.MaxValidationErrors);
        }

        if (errors.Count > 0)
        {
            return ExecutionResult.RequestError(errors);
        }

        var operation = SelectOperation(document, request.OperationName, out var operationError);
        if (operation is null)
        {
            return ExecutionResult.RequestError(operationError!);
        }

        var (variables, variableErrors) = VariableCoercion.Coerce(Schema, operation, rawVariables);
        if (variableErrors is not null)
        {
            return ExecutionResult.RequestError(variableErrors);
        }

        var fragments = cached.Fragments;
        if (new ComplexityAnalyzer(Schema, fragments, variables, Options).Analyze(operation) is { } limitError)
        {
            return ExecutionResult.RequestError(limitError);
        }

        if (operation.Operation == OperationType.Subscription)
        {
            return ExecutionResult.RequestError(new GraphQLError(
                "Subscriptions are not supported by this endpoint.", [operation.Location], code: ErrorCodes.OperationNotFound));
        }

        using var context = new OperationContext(Schema, request, operation, fragments, variables, Options, cancellationToken);
        var plans = operation.VariableDefinitions.Count == 0 && Options.DocumentCacheSize > 0 ? cached.Plans : null;
        var executor = new OperationExecutor(context, plans);
        try
        {
            // Resolvers must resume on the executor's loop, not on a caller's synchronization
            // context (xunit's, a UI's): start them with none, so their awaits continue inline.
            var previous = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            Task<ResultNode?> running;
            try
            {
                running = executor.ExecuteAsync();
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }

            var data = running.IsCompletedSuccessfully ? running.Result : await running.ConfigureAwait(false);
            return ExecutionResult.Completed(data, executor.Errors);
        }
        catch (OperationCanceledException) when (context.TimedOut)
        {
            return ExecutionResult.Completed(null, [new GraphQLError(
                $"The request exceeded the time limit of {Options.Timeout.TotalSeconds:0.###} s.", code: ErrorCodes.Timeout)]);
        }
    }

    private CachedDocument Prepare(string query)
    {
        DocumentNode document;
        try
        {
            document = Parser.Parse(query, Options.Parser);
        }
        catch (SyntaxError e)
        {
            return new CachedDocument(null, [e.Error]);
        }

        var rules = _rulesUseVariables ? [.. Options.ValidationRules.Where(r => !r.UsesVariables)] : Options.ValidationRules;
        return new CachedDocument(document, Validator.Validate(Schema, document, rules, maxErrors: Options.MaxValidationErrors));
    }

    private static OperationDefinitionNode? SelectOperation(DocumentNode document, string? name, out GraphQLError? error)
    {
        error = null;
        OperationDefinitionNode? found = null;
        var count = 0;
        foreach (var operation in document.Operations)
        {
            count++;
            if (name is null ? found is null : operation.Name?.Value == name)
            {
                found ??= operation;
            }
        }

        if (name is null && count > 1)
        {
            error = new GraphQLError("Must provide operation name if query contains multiple operations.", code: ErrorCodes.OperationNotFound);
            return null;
        }

        if (found is null)
        {
            error = new GraphQLError(
                name is null ? "Must provide an operation." : $"Unknown operation named \"{name}\".", code: ErrorCodes.OperationNotFound);
        }

        return found;
    }
}
