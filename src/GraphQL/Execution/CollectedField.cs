using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

/// <summary>Fields of one selection set for one object type, grouped by response key (spec CollectFields).</summary>
internal sealed class CollectedFields(string[] keys, CollectedField[] fields)
{
    public string[] Keys { get; } = keys;

    public CollectedField[] Fields { get; } = fields;
}

internal enum MetaField
{
    None,
    TypeName,
}

/// <summary>
/// One response key: its field nodes, its definition and, memoized for the request, its coerced
/// arguments and the collected sub-selection per object type — so N list items share one collection.
/// </summary>
internal sealed class CollectedField(string responseKey, FieldNode first, FieldDefinition? definition, MetaField meta, ObjectType parentType)
{
    // Copy-on-write, because a variable-free operation's collected fields are shared by
    // concurrent requests; usually one entry (more only under abstract types).
    private (ObjectType Type, CollectedFields Fields)[] _subfields = [];

    public string ResponseKey { get; } = responseKey;

    public FieldNode Node { get; } = first;

    public List<FieldNode> Nodes { get; } = [first];

    /// <summary>Null only for <c>__typename</c>.</summary>
    public FieldDefinition? Definition { get; } = definition;

    public MetaField Meta { get; } = meta;

    public ObjectType ParentType { get; } = parentType;

    public IReadOnlyDictionary<string, object?>? Arguments { get; set; }

    /// <summary>Coerced arguments; computed once and reused (they depend only on the node and variables).</summary>
    public bool TryGetSubfields(ObjectType type, out CollectedFields fields)
    {
        foreach (var entry in _subfields)
        {
            if (entry.Type == type)
            {
                fields = entry.Fields;
                return true;
            }
        }

        fields = null!;
        return false;
    }

    public void SetSubfields(ObjectType type, CollectedFields fields) => _subfields = [.. _subfields, (type, fields)];
}
