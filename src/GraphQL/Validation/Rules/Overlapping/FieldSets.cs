using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules.Overlapping;

/// <summary>One field selection as collected for comparison: where it sits and what it selects.</summary>
internal sealed class FieldDetails(GraphQLType? parentType, FieldNode node, FieldDefinition? definition)
{
    public GraphQLType? ParentType { get; } = parentType;

    public FieldNode Node { get; } = node;

    public FieldDefinition? Definition { get; } = definition;

    /// <summary>No arguments and no sub-selection: two such fields of one name and type never conflict.</summary>
    public bool IsSimpleLeaf { get; } = node.Arguments.Count == 0 && node.SelectionSet is null;

    /// <summary>Built only when the field overlaps another (graphql-js <c>getFieldInfo</c>).</summary>
    public FieldInfo? Info { get; set; }
}

internal sealed class FieldInfo(NamedType? namedType, IReadOnlyList<ArgumentNode> arguments)
{
    /// <summary>Name and argument comparison results against other fields: null means "same".</summary>
    public Dictionary<FieldInfo, string?> Comparisons { get; } = new(ReferenceEqualityComparer.Instance);

    public NamedType? NamedType { get; } = namedType;

    public IReadOnlyList<ArgumentNode>? Arguments { get; } = arguments.Count == 0 ? null : arguments;

    /// <summary>Argument values by name (the last of a duplicated name, as a JS Map).</summary>
    public Dictionary<string, ValueNode>? Values { get; } = arguments.Count == 0
        ? null
        : arguments.GroupBy(a => a.Name.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    public string? TypeString { get; set; }
}

/// <summary>The fields (by response name, in order) and fragment names of one selection set.</summary>
internal sealed class CollectFieldsResult
{
    public OrderedDictionary<string, List<FieldDetails>> GroupedFieldSet { get; } = new(StringComparer.Ordinal);

    public List<string> FragmentNames { get; } = [];

    /// <summary>Fragments compared with these fields already: false = non-exclusively (covers both), true = exclusively.</summary>
    public Dictionary<string, bool>? ComparedFragments { get; set; }

    public Dictionary<CollectFieldsResult, List<(string ResponseName, List<FieldDetails> Fields1, List<FieldDetails> Fields2)>>? OverlappingFields { get; set; }
}

internal sealed record Conflict(string ResponseName, string Reason, List<FieldNode> Fields1, List<FieldNode> Fields2);

/// <summary>
/// Fragment pairs already compared, each remembered with whether the comparison assumed mutually
/// exclusive parents; a non-exclusive comparison also answers an exclusive question.
/// </summary>
internal sealed class PairSet
{
    private readonly Dictionary<string, Dictionary<string, bool>> _data = new(StringComparer.Ordinal);

    public bool Has(string a, string b, bool areMutuallyExclusive) => Has1(a, b, areMutuallyExclusive) || Has1(b, a, areMutuallyExclusive);

    public void Add(string a, string b, bool areMutuallyExclusive)
    {
        if (!_data.TryGetValue(a, out var map))
        {
            _data[a] = map = new Dictionary<string, bool>(StringComparer.Ordinal);
        }

        map[b] = areMutuallyExclusive;
    }

    private bool Has1(string a, string b, bool areMutuallyExclusive) =>
        _data.TryGetValue(a, out var map) && map.TryGetValue(b, out var stored) && (areMutuallyExclusive || !stored);
}
