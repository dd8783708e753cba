using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

/// <summary>Spec 6.3.2 CollectFields with <c>@skip</c>/<c>@include</c> and fragment type conditions.</summary>
internal sealed class FieldCollector(OperationContext context)
{
    private static readonly GraphQLType RequiredBoolean = new NonNullType(BuiltInScalars.Boolean);

    public CollectedFields Collect(ObjectType type, IEnumerable<SelectionSetNode> selectionSets)
    {
        var byKey = new Dictionary<string, CollectedField>(StringComparer.Ordinal);
        var order = new List<CollectedField>();
        HashSet<string>? visited = null;
        foreach (var selectionSet in selectionSets)
        {
            Collect(type, selectionSet, byKey, order, ref visited);
        }

        return new CollectedFields([.. order.Select(f => f.ResponseKey)], [.. order]);
    }

    public CollectedFields CollectSubfields(ObjectType type, CollectedField field)
    {
        if (field.TryGetSubfields(type, out var cached))
        {
            return cached;
        }

        var collected = field.Nodes.Count == 1
            ? Collect(type, [field.Node.SelectionSet!])
            : Collect(type, field.Nodes.Where(n => n.SelectionSet is not null).Select(n => n.SelectionSet!));
        field.SetSubfields(type, collected);
        return collected;
    }

    private void Collect(
        ObjectType type,
        SelectionSetNode selectionSet,
        Dictionary<string, CollectedField> byKey,
        List<CollectedField> order,
        ref HashSet<string>? visited)
    {
        foreach (var selection in selectionSet.Selections)
        {
            if (selection.Directives.Count > 0 && !ShouldInclude(selection.Directives))
            {
                continue;
            }

            switch (selection)
            {
                case FieldNode field:
                    var key = field.ResponseKey;
                    if (byKey.TryGetValue(key, out var existing))
                    {
                        existing.Nodes.Add(field);
                        break;
                    }

                    var collected = Create(type, field);
                    if (collected is not null)
                    {
                        byKey.Add(key, collected);
                        order.Add(collected);
                    }

                    break;
                case InlineFragmentNode inline:
                    if (inline.TypeCondition is null || Applies(type, inline.TypeCondition))
                    {
                        Collect(type, inline.SelectionSet, byKey, order, ref visited);
                    }

                    break;
                case FragmentSpreadNode spread:
                    visited ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!visited.Add(spread.Name.Value)
                        || !context.Fragments.TryGetValue(spread.Name.Value, out var fragment)
                        || !Applies(type, fragment.TypeCondition))
                    {
                        break;
                    }

                    Collect(type, fragment.SelectionSet, byKey, order, ref visited);
                    break;
            }
        }
    }

    private CollectedField? Create(ObjectType type, FieldNode field)
    {
        var name = field.Name.Value;
        if (name == "__typename")
        {
            return new CollectedField(field.ResponseKey, field, null, MetaField.TypeName, type);
        }

        var definition = type.GetField(name)
            ?? (type == context.Schema.QueryType ? Introspection.MetaFields.GetRootField(name) : null);
        return definition is null ? null : new CollectedField(field.ResponseKey, field, definition, MetaField.None, type);
    }

    private bool Applies(ObjectType type, NamedTypeNode condition)
    {
        var conditionType = context.Schema.GetType(condition.Name.Value);
        return conditionType is not null && context.Schema.IsPossibleType(conditionType, type);
    }

    private bool ShouldInclude(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (name is not ("skip" or "include") || directive.Arguments.Count == 0)
            {
                continue;
            }

            object? value;
            try
            {
                value = ValueCoercion.CoerceLiteral(directive.Arguments[0].Value, RequiredBoolean, context.Variables, "");
            }
            catch (InputCoercionException)
            {
                continue; // validation (VariablesInAllowedPosition) reports it; execution does not guess
            }

            if (value is bool condition && condition == (name == "skip"))
            {
                return false;
            }
        }

        return true;
    }
}
