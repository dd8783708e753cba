using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation;

/// <summary>A variable used in a value, with the type and default of the position it is used in (spec 5.8.5).</summary>
public readonly record struct VariableUsage(VariableNode Node, GraphQLType? Type, GraphQLType? ParentType, bool LocationHasDefault);

/// <summary>
/// Fragment and variable lookups shared by several rules, cached per validation, and the fragment
/// work budget graphql-js meters them with (50,000 units, then "Validation aborted."), which keeps
/// a document with thousands of operations and fragments from costing quadratic time.
/// </summary>
public sealed partial class ValidationContext
{
    private const int FragmentWorkBudget = 50_000;

    private readonly Dictionary<SelectionSetNode, List<FragmentSpreadNode>> _spreads = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, List<FragmentDefinitionNode>> _referencedFragments = new(StringComparer.Ordinal);
    private readonly Dictionary<object, List<VariableUsage>> _variableUsages = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, List<VariableUsage>> _recursiveVariableUsages = new(ReferenceEqualityComparer.Instance);
    private int _remainingFragmentWork = FragmentWorkBudget;

    /// <summary>The fragment spreads anywhere under <paramref name="selectionSet"/> (not following them), in graphql-js order.</summary>
    public IReadOnlyList<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode selectionSet)
    {
        if (_spreads.TryGetValue(selectionSet, out var spreads))
        {
            return spreads;
        }

        spreads = [];
        var setsToVisit = new Stack<SelectionSetNode>();
        setsToVisit.Push(selectionSet);
        while (setsToVisit.TryPop(out var set))
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FragmentSpreadNode spread:
                        spreads.Add(spread);
                        break;
                    case FieldNode { SelectionSet: { } child }:
                        setsToVisit.Push(child);
                        break;
                    case InlineFragmentNode inline:
                        setsToVisit.Push(inline.SelectionSet);
                        break;
                }
            }
        }

        _spreads[selectionSet] = spreads;
        return spreads;
    }

    /// <summary>The defined fragments an operation spreads, directly or through other fragments.</summary>
    public IReadOnlyList<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode operation) =>
        GetRecursivelyReferencedFragments([operation]);

    public IReadOnlyList<FragmentDefinitionNode> GetRecursivelyReferencedFragments(IReadOnlyList<OperationDefinitionNode> operations) =>
        ReferencedFragments(operations);

    /// <summary>Variables used in <paramref name="definition"/> itself (not in the fragments it spreads).</summary>
    public IReadOnlyList<VariableUsage> GetVariableUsages(ExecutableDefinitionNode definition) => VariableUsages(definition);

    /// <summary>Variables used in an operation and in every fragment it spreads, transitively.</summary>
    public IReadOnlyList<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        if (_recursiveVariableUsages.TryGetValue(operation, out var usages))
        {
            return usages;
        }

        var fragments = ReferencedFragments([operation]);
        if (!_recursiveVariableUsages.TryGetValue(fragments, out var fragmentUsages))
        {
            SpendFragmentWork(fragments.Count);
            fragmentUsages = [];
            foreach (var fragment in fragments)
            {
                var local = VariableUsages(fragment);
                SpendFragmentWork(local.Count);
                fragmentUsages.AddRange(local);
            }

            _recursiveVariableUsages[fragments] = fragmentUsages;
        }

        SpendFragmentWork(fragmentUsages.Count);
        usages = [.. VariableUsages(operation), .. fragmentUsages];
        _recursiveVariableUsages[operation] = usages;
        return usages;
    }

    internal void SpendFragmentWork(int cost)
    {
        _remainingFragmentWork -= cost;
        if (_remainingFragmentWork < 0)
        {
            Abort("Validation aborted.");
        }
    }

    private List<FragmentDefinitionNode> ReferencedFragments(IReadOnlyList<OperationDefinitionNode> operations)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            foreach (var spread in GetFragmentSpreads(operation.SelectionSet))
            {
                if (seen.Add(spread.Name.Value))
                {
                    names.Add(spread.Name.Value);
                }
            }
        }

        // Cached by the set of directly spread names, as graphql-js's SetMap.
        var key = string.Join('\n', names.Order(StringComparer.Ordinal));
        if (_referencedFragments.TryGetValue(key, out var fragments))
        {
            return fragments;
        }

        fragments = [];
        SpendFragmentWork(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            if (LookupFragment(names[i]) is not { } fragment)
            {
                continue;
            }

            fragments.Add(fragment);
            var spreads = GetFragmentSpreads(fragment.SelectionSet);
            SpendFragmentWork(spreads.Count);
            foreach (var spread in spreads)
            {
                if (seen.Add(spread.Name.Value))
                {
                    names.Add(spread.Name.Value);
                }
            }
        }

        _referencedFragments[key] = fragments;
        return fragments;
    }

    private List<VariableUsage> VariableUsages(ExecutableDefinitionNode definition)
    {
        if (!_variableUsages.TryGetValue(definition, out var usages))
        {
            var collector = new UsageCollector(new TypeInfo(Schema));
            new DocumentWalker(collector.TypeInfo, [collector]).WalkDefinition(definition);
            usages = collector.Usages;
            _variableUsages[definition] = usages;
        }

        return usages;
    }

    /// <summary>Walks one definition with its own <see cref="Validation.TypeInfo"/>; variable definitions are not usages.</summary>
    private sealed class UsageCollector(TypeInfo typeInfo) : ValidationVisitor
    {
        public TypeInfo TypeInfo { get; } = typeInfo;

        public List<VariableUsage> Usages { get; } = [];

        public override bool EnterVariableDefinition(VariableDefinitionNode node) => false;

        public override bool EnterValue(ValueNode node)
        {
            if (node is VariableNode variable)
            {
                Usages.Add(new VariableUsage(variable, TypeInfo.InputType, TypeInfo.ParentInputType, TypeInfo.LocationHasDefault));
            }

            return true;
        }
    }
}
