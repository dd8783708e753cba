using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

/// <summary>
/// Depth and cost of an operation before it runs (ADR-0008). Cost = Σ field cost + cost of its
/// selection set × the field's multiplier arguments. Introspection fields (<c>__schema</c>,
/// <c>__type</c>) are not counted but are refused when introspection is off.
/// </summary>
internal sealed class ComplexityAnalyzer(
    Schema schema,
    IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
    IReadOnlyDictionary<string, object?> variables,
    ExecutorOptions options)
{
    private const int MaxNesting = 100;

    // Fragments spread twice in each of n levels expand to 2^n selections; stop walking long before.
    private const int MaxVisits = 50_000;
    private int _visits;
    private readonly HashSet<string> _activeFragments = new(StringComparer.Ordinal);
    private GraphQLError? _error;
    private int _maxDepth;

    public GraphQLError? Analyze(OperationDefinitionNode operation)
    {
        var root = schema.GetRootType(operation.Operation);
        if (root is null)
        {
            return new GraphQLError(
                $"Schema is not configured to execute {operation.Operation.ToString().ToLowerInvariant()} operation.",
                [operation.Location],
                code: ErrorCodes.ValidationFailed);
        }

        var cost = Cost(root, operation.SelectionSet, 1);
        if (_error is not null)
        {
            return _error;
        }

        if (_maxDepth > options.MaxDepth)
        {
            return new GraphQLError(
                $"The operation's depth {_maxDepth} exceeds the maximum allowed depth of {options.MaxDepth}.",
                [operation.Location],
                code: ErrorCodes.MaxDepthExceeded);
        }

        return cost > options.MaxCost
            ? new GraphQLError(
                $"The operation's cost exceeds the maximum allowed cost of {options.MaxCost}.",
                [operation.Location],
                code: ErrorCodes.MaxCostExceeded,
                extensions: new Dictionary<string, object?> { ["cost"] = cost, ["maxCost"] = options.MaxCost })
            : null;
    }

    private long Cost(NamedType parent, SelectionSetNode selectionSet, int depth)
    {
        if (depth > MaxNesting || _error is not null)
        {
            return 0;
        }

        long total = 0;
        foreach (var selection in selectionSet.Selections)
        {
            if (++_visits > MaxVisits)
            {
                _error ??= new GraphQLError(
                    "The operation is too complex to analyze.", [selection.Location], code: ErrorCodes.MaxCostExceeded);
                return total;
            }

            switch (selection)
            {
                case FieldNode field:
                    total += FieldCost(parent, field, depth);
                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is null ? parent : schema.GetType(inline.TypeCondition.Name.Value) ?? parent;
                    total += Cost(inlineType, inline.SelectionSet, depth);
                    break;
                case FragmentSpreadNode spread when fragments.TryGetValue(spread.Name.Value, out var fragment)
                    && _activeFragments.Add(spread.Name.Value):
                    total += Cost(schema.GetType(fragment.TypeCondition.Name.Value) ?? parent, fragment.SelectionSet, depth);
                    _activeFragments.Remove(spread.Name.Value);
                    break;
            }

            if (total > options.MaxCost)
            {
                return total;
            }
        }

        return total;
    }

    private long FieldCost(NamedType parent, FieldNode field, int depth)
    {
        var name = field.Name.Value;
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            if (name != "__typename" && !options.EnableIntrospection)
            {
                _error ??= new GraphQLError(
                    "Introspection is disabled for this endpoint.", [field.Location], code: ErrorCodes.IntrospectionDisabled);
            }

            return 0;
        }

        _maxDepth = Math.Max(_maxDepth, depth);
        var definition = (parent as ComplexType)?.GetField(name);
        if (definition is null || field.SelectionSet is null)
        {
            return definition?.Cost ?? 1;
        }

        var childCost = Cost(definition.Type.Named, field.SelectionSet, depth + 1);
        if (definition.CostMultipliers.Count > 0)
        {
            childCost = Math.Min(childCost * Multiplier(definition, field), (long)options.MaxCost + 1);
        }

        return definition.Cost + childCost;
    }

    // The largest multiplier argument given (literal, variable or default); none: the assumed size.
    private long Multiplier(FieldDefinition definition, FieldNode field)
    {
        long? largest = null;
        foreach (var argumentName in definition.CostMultipliers)
        {
            var argument = field.Arguments.FirstOrDefault(a => a.Name.Value == argumentName);
            object? value = argument?.Value switch
            {
                IntValueNode i when long.TryParse(i.Value, System.Globalization.CultureInfo.InvariantCulture, out var l) => l,
                VariableNode v when variables.TryGetValue(v.Name.Value, out var bound) => bound,
                null or VariableNode => definition.GetArgument(argumentName)?.DefaultValue, // absent: the default applies
                _ => null,
            };
            long? given = value switch
            {
                int i => i,
                long l => l,
                _ => null,
            };
            if (given is { } g) largest = Math.Max(largest ?? g, g);
        }

        return Math.Max(1, largest ?? definition.CostAssumedSize ?? 1);
    }
}
