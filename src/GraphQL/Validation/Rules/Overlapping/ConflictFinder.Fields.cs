using System.Text;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules.Overlapping;

/// <summary>Comparing two fields of one response name, and collecting a selection set's fields.</summary>
internal sealed partial class ConflictFinder
{
    private const int MaxConflictDetailLength = 1000;
    private const int MaxConflictNodes = 20;

    public static string Abbreviate(string text) =>
        text.Length > MaxConflictDetailLength ? text[..MaxConflictDetailLength] + "..." : text;

    private Conflict? FindConflict(bool parentFieldsAreMutuallyExclusive, string responseName, FieldDetails field1, FieldDetails field2)
    {
        // Fields on two different object types can never both apply, so only their shapes must agree.
        var areMutuallyExclusive = parentFieldsAreMutuallyExclusive
            || (field1.ParentType != field2.ParentType && field1.ParentType is ObjectType && field2.ParentType is ObjectType);
        Spend(2);
        var (node1, node2) = (field1.Node, field2.Node);
        var (type1, type2) = (field1.Definition?.Type, field2.Definition?.Type);
        if (field1.IsSimpleLeaf && field2.IsSimpleLeaf && type1 == type2 && node1.Name.Value == node2.Name.Value)
        {
            return null;
        }

        if (!areMutuallyExclusive)
        {
            var info1 = GetFieldInfo(field1);
            var info2 = GetFieldInfo(field2);
            if (!info1.Comparisons.TryGetValue(info2, out var reason))
            {
                reason = node1.Name.Value != node2.Name.Value
                    ? $"\"{Abbreviate(node1.Name.Value)}\" and \"{Abbreviate(node2.Name.Value)}\" are different fields"
                    : SameArguments(info1, info2) ? null : "they have differing arguments";
                info1.Comparisons[info2] = reason;
            }

            if (reason is not null)
            {
                return new Conflict(responseName, reason, [node1], [node2]);
            }
        }

        if (type1 is not null && type2 is not null && DoTypesConflict(type1, type2))
        {
            var info1 = GetFieldInfo(field1);
            var info2 = GetFieldInfo(field2);
            info1.TypeString ??= type1.ToString();
            info2.TypeString ??= type2.ToString();
            return new Conflict(
                responseName, $"they return conflicting types \"{info1.TypeString}\" and \"{info2.TypeString}\"", [node1], [node2]);
        }

        if (node1.SelectionSet is { } selectionSet1 && node2.SelectionSet is { } selectionSet2)
        {
            var conflicts = FindConflictsBetweenSubSelectionSets(
                areMutuallyExclusive, GetFieldInfo(field1).NamedType, selectionSet1, GetFieldInfo(field2).NamedType, selectionSet2);
            return SubfieldConflicts(conflicts, responseName, node1, node2);
        }

        return null;
    }

    private static FieldInfo GetFieldInfo(FieldDetails field) =>
        field.Info ??= new FieldInfo(field.Definition?.Type.Named, field.Node.Arguments);

    private bool SameArguments(FieldInfo info1, FieldInfo info2)
    {
        if (info1.Arguments is null || info2.Arguments is null)
        {
            return info1.Arguments is null && info2.Arguments is null;
        }

        if (info1.Arguments.Count != info2.Arguments.Count)
        {
            return false;
        }

        foreach (var argument in info1.Arguments)
        {
            Spend(1);
            if (!info2.Values!.TryGetValue(argument.Name.Value, out var value2) || Stringify(argument.Value) != Stringify(value2))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A canonical form of a value (object fields sorted, block strings apart), as graphql-js compares arguments.</summary>
    private string Stringify(ValueNode value)
    {
        if (!_stringified.TryGetValue(value, out var text))
        {
            var builder = new StringBuilder();
            Write(value, builder);
            _stringified[value] = text = builder.ToString();
        }

        return text;

        static void Write(ValueNode node, StringBuilder builder)
        {
            switch (node)
            {
                case ListValueNode list:
                    builder.Append("L[");
                    list.Values.ToList().ForEach(item => Write(item, builder));
                    builder.Append(']');
                    break;
                case ObjectValueNode obj:
                    builder.Append("O{");
                    foreach (var field in obj.Fields.OrderBy(f => f.Name.Value, StringComparer.Ordinal))
                    {
                        Text(builder, field.Name.Value);
                        Write(field.Value, builder);
                    }

                    builder.Append('}');
                    break;
                default:
                    builder.Append(node switch
                    {
                        VariableNode => 'V', IntValueNode => 'I', FloatValueNode => 'F', StringValueNode { Block: true } => 'B',
                        StringValueNode => 'S', BooleanValueNode => 'T', NullValueNode => 'N', _ => 'E',
                    });
                    Text(builder, node switch
                    {
                        VariableNode v => v.Name.Value, IntValueNode i => i.Value, FloatValueNode f => f.Value,
                        StringValueNode s => s.Value, BooleanValueNode b => b.Value ? "true" : "false", EnumValueNode e => e.Value, _ => "",
                    });
                    break;
            }
        }

        static void Text(StringBuilder builder, string text) => builder.Append(text.Length).Append(':').Append(text);
    }

    /// <summary>Spec SameResponseShape: lists and non-null must match level by level, leaves must be the same type.</summary>
    private bool DoTypesConflict(GraphQLType type1, GraphQLType type2)
    {
        if (type1 == type2)
        {
            return false;
        }

        Spend(1);
        return (type1, type2) switch
        {
            (ListType list1, ListType list2) => DoTypesConflict(list1.OfType, list2.OfType),
            (ListType, _) or (_, ListType) => true,
            (NonNullType nonNull1, NonNullType nonNull2) => DoTypesConflict(nonNull1.OfType, nonNull2.OfType),
            (NonNullType, _) or (_, NonNullType) => true,
            _ => (type1.IsLeaf || type2.IsLeaf) && type1 != type2,
        };
    }

    private CollectFieldsResult CollectFragmentFields(FragmentDefinitionNode fragment) =>
        CollectFields(TypeInfo.FromAst(context.Schema, fragment.TypeCondition), fragment.SelectionSet);

    /// <summary>The fields of a selection set with inline fragments flattened, cached per parent type and set.</summary>
    private CollectFieldsResult CollectFields(GraphQLType? parentType, SelectionSetNode selectionSet)
    {
        var key = (object?)parentType ?? NoType;
        if (!_collected.TryGetValue(key, out var bySelectionSet))
        {
            _collected[key] = bySelectionSet = new Dictionary<SelectionSetNode, CollectFieldsResult>(ReferenceEqualityComparer.Instance);
        }

        if (!bySelectionSet.TryGetValue(selectionSet, out var result))
        {
            result = new CollectFieldsResult();
            Collect(parentType, selectionSet, result);
            bySelectionSet[selectionSet] = result;
        }

        return result;
    }

    private void Collect(GraphQLType? parentType, SelectionSetNode selectionSet, CollectFieldsResult result)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    // Meta fields have no definition here, as in graphql-js.
                    var definition = (parentType as ComplexType)?.GetField(field.Name.Value);
                    if (!result.GroupedFieldSet.TryGetValue(field.ResponseKey, out var list))
                    {
                        result.GroupedFieldSet[field.ResponseKey] = list = [];
                    }

                    list.Add(new FieldDetails(parentType, field, definition));
                    break;
                case FragmentSpreadNode spread:
                    if (!result.FragmentNames.Contains(spread.Name.Value))
                    {
                        result.FragmentNames.Add(spread.Name.Value);
                    }

                    break;
                case InlineFragmentNode inline:
                    var type = inline.TypeCondition is { } condition ? TypeInfo.FromAst(context.Schema, condition) : parentType;
                    Collect(type, inline.SelectionSet, result);
                    break;
            }
        }
    }

    private static Conflict? SubfieldConflicts(List<Conflict> conflicts, string responseName, FieldNode node1, FieldNode node2)
    {
        if (conflicts.Count == 0)
        {
            return null;
        }

        var message = new StringBuilder();
        foreach (var conflict in conflicts)
        {
            message.Append(message.Length == 0 ? "" : " and ")
                .Append($"subfields \"{Abbreviate(conflict.ResponseName)}\" conflict because {conflict.Reason}");
            if (message.Length > MaxConflictDetailLength)
            {
                break;
            }
        }

        return new Conflict(
            responseName, Abbreviate(message.ToString()), ConflictNodes(node1, conflicts, c => c.Fields1), ConflictNodes(node2, conflicts, c => c.Fields2));
    }

    /// <summary>The field, then the nested conflicting fields, at most 20 locations in all.</summary>
    private static List<FieldNode> ConflictNodes(FieldNode node, List<Conflict> conflicts, Func<Conflict, List<FieldNode>> side)
    {
        var nodes = new List<FieldNode> { node };
        foreach (var conflict in conflicts)
        {
            var fields = side(conflict);
            var remaining = MaxConflictNodes - nodes.Count;
            nodes.AddRange(fields.Count > remaining ? fields[^remaining..] : fields);
            if (nodes.Count == MaxConflictNodes)
            {
                break;
            }
        }

        return nodes;
    }
}
