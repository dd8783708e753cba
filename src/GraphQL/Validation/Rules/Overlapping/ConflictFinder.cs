using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules.Overlapping;

/// <summary>
/// Finds fields of one response name that cannot merge (spec 5.3.2), across fragments. A port of
/// graphql-js 16's <c>OverlappingFieldsCanBeMergedRule</c>, step letters (A)–(J) as there. Every
/// comparison spends from a budget of 500,000; past it validation ends with "Validation aborted.".
/// </summary>
internal sealed partial class ConflictFinder(ValidationContext context)
{
    private const int MaxComplexityBudget = 500_000;
    private static readonly object NoType = new();

    private readonly PairSet _comparedFragmentPairs = new();
    private readonly Dictionary<object, Dictionary<SelectionSetNode, CollectFieldsResult>> _collected = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ValueNode, string> _stringified = new(ReferenceEqualityComparer.Instance);
    private int _remainingBudget = MaxComplexityBudget;

    public List<Conflict> FindConflictsWithinSelectionSet(GraphQLType? parentType, SelectionSetNode selectionSet)
    {
        var conflicts = new List<Conflict>();
        var fields = CollectFields(parentType, selectionSet);

        // (A) conflicts within the fields of this selection set (inline fragments included).
        CollectConflictsWithin(conflicts, fields.GroupedFieldSet);

        // (B) each fragment against the fields, (C) and against the other fragments.
        var names = fields.FragmentNames;
        if (names.Count != 0 && (fields.GroupedFieldSet.Count != 0 || names.Count > 1))
        {
            for (var i = 0; i < names.Count; i++)
            {
                CollectConflictsBetweenFieldsAndFragment(conflicts, false, fields, names[i]);
                for (var j = i + 1; j < names.Count; j++)
                {
                    CollectConflictsBetweenFragments(conflicts, false, names[i], names[j]);
                }
            }
        }

        return conflicts;
    }

    private void CollectConflictsBetweenFieldsAndFragment(
        List<Conflict> conflicts, bool areMutuallyExclusive, CollectFieldsResult fields, string fragmentName)
    {
        Spend(1);
        if (fields.GroupedFieldSet.Count == 0)
        {
            return;
        }

        // Memoized per field set: a non-exclusive comparison also covers a later exclusive one.
        fields.ComparedFragments ??= new Dictionary<string, bool>(StringComparer.Ordinal);
        if (fields.ComparedFragments.TryGetValue(fragmentName, out var compared) && (!compared || areMutuallyExclusive))
        {
            return;
        }

        fields.ComparedFragments[fragmentName] = areMutuallyExclusive;
        if (context.LookupFragment(fragmentName) is not { } fragment)
        {
            return;
        }

        var fragmentFields = CollectFragmentFields(fragment);
        if (fragmentFields == fields)
        {
            return;
        }

        // (D) the fields against the fragment's fields, (E) then against the fragments it spreads.
        CollectConflictsBetween(conflicts, areMutuallyExclusive, fields, fragmentFields);
        foreach (var referenced in fragmentFields.FragmentNames)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, fields, referenced);
        }
    }

    private void CollectConflictsBetweenFragments(List<Conflict> conflicts, bool areMutuallyExclusive, string name1, string name2)
    {
        Spend(2);
        if (name1 == name2 || _comparedFragmentPairs.Has(name1, name2, areMutuallyExclusive))
        {
            return;
        }

        _comparedFragmentPairs.Add(name1, name2, areMutuallyExclusive);
        if (context.LookupFragment(name1) is not { } fragment1 || context.LookupFragment(name2) is not { } fragment2)
        {
            return;
        }

        var fields1 = CollectFragmentFields(fragment1);
        var fields2 = CollectFragmentFields(fragment2);

        // (F) the two fragments' fields, (G) then each against the fragments the other spreads.
        CollectConflictsBetween(conflicts, areMutuallyExclusive, fields1, fields2);
        foreach (var referenced in fields2.FragmentNames)
        {
            CollectConflictsBetweenFragments(conflicts, areMutuallyExclusive, name1, referenced);
        }

        foreach (var referenced in fields1.FragmentNames)
        {
            CollectConflictsBetweenFragments(conflicts, areMutuallyExclusive, referenced, name2);
        }
    }

    private List<Conflict> FindConflictsBetweenSubSelectionSets(
        bool areMutuallyExclusive, GraphQLType? parentType1, SelectionSetNode selectionSet1, GraphQLType? parentType2, SelectionSetNode selectionSet2)
    {
        var conflicts = new List<Conflict>();
        var fields1 = CollectFields(parentType1, selectionSet1);
        var fields2 = CollectFields(parentType2, selectionSet2);

        // (H) the two field sets, (I) each against the other's fragments, (J) fragments against fragments.
        CollectConflictsBetween(conflicts, areMutuallyExclusive, fields1, fields2);
        foreach (var name in fields2.FragmentNames)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, fields1, name);
        }

        foreach (var name in fields1.FragmentNames)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, fields2, name);
        }

        foreach (var name1 in fields1.FragmentNames)
        {
            foreach (var name2 in fields2.FragmentNames)
            {
                CollectConflictsBetweenFragments(conflicts, areMutuallyExclusive, name1, name2);
            }
        }

        return conflicts;
    }

    private void CollectConflictsWithin(List<Conflict> conflicts, OrderedDictionary<string, List<FieldDetails>> groupedFieldSet)
    {
        foreach (var (responseName, fields) in groupedFieldSet)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                for (var j = i + 1; j < fields.Count; j++)
                {
                    if (FindConflict(false, responseName, fields[i], fields[j]) is { } conflict)
                    {
                        conflicts.Add(conflict);
                    }
                }
            }
        }
    }

    private void CollectConflictsBetween(
        List<Conflict> conflicts, bool parentFieldsAreMutuallyExclusive, CollectFieldsResult fields1, CollectFieldsResult fields2)
    {
        if (fields1.GroupedFieldSet.Count == 0 || fields2.GroupedFieldSet.Count == 0)
        {
            return;
        }

        foreach (var (responseName, list1, list2) in OverlappingFields(fields1, fields2))
        {
            foreach (var field1 in list1)
            {
                foreach (var field2 in list2)
                {
                    if (FindConflict(parentFieldsAreMutuallyExclusive, responseName, field1, field2) is { } conflict)
                    {
                        conflicts.Add(conflict);
                    }
                }
            }
        }
    }

    private List<(string ResponseName, List<FieldDetails> Fields1, List<FieldDetails> Fields2)> OverlappingFields(
        CollectFieldsResult fields1, CollectFieldsResult fields2)
    {
        fields1.OverlappingFields ??= new(ReferenceEqualityComparer.Instance);
        if (fields1.OverlappingFields.TryGetValue(fields2, out var cached))
        {
            return cached;
        }

        var overlapping = new List<(string, List<FieldDetails>, List<FieldDetails>)>();
        foreach (var (responseName, list1) in fields1.GroupedFieldSet)
        {
            Spend(1);
            if (fields2.GroupedFieldSet.TryGetValue(responseName, out var list2))
            {
                overlapping.Add((responseName, list1, list2));
            }
        }

        fields1.OverlappingFields[fields2] = overlapping;
        return overlapping;
    }

    private void Spend(int cost)
    {
        _remainingBudget -= cost;
        if (_remainingBudget < 0)
        {
            context.Abort("Validation aborted.");
        }
    }
}
