using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>
/// Spec 5.3.1 Field Selections. On an abstract type the hint names the types that do have the
/// field (most used first, as graphql-js), else similarly spelled fields.
/// </summary>
internal sealed class FieldsOnCorrectTypeRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private static List<string> SuggestedTypeNames(Schema schema, NamedType type, string fieldName)
    {
        if (!type.IsAbstract)
        {
            return [];
        }

        var suggested = new List<ComplexType>();
        var usage = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var possible in schema.GetPossibleTypes(type))
        {
            if (possible.GetField(fieldName) is null)
            {
                continue;
            }

            if (!suggested.Contains(possible))
            {
                suggested.Add(possible);
            }

            usage[possible.Name] = 1;
            foreach (var @interface in possible.Interfaces)
            {
                if (@interface.GetField(fieldName) is null)
                {
                    continue;
                }

                if (!suggested.Contains(@interface))
                {
                    suggested.Add(@interface);
                }

                usage[@interface.Name] = usage.GetValueOrDefault(@interface.Name) + 1;
            }
        }

        return [.. suggested.Order(Comparer<ComplexType>.Create((a, b) =>
            usage[b.Name] != usage[a.Name] ? usage[b.Name] - usage[a.Name]
            : a is InterfaceType && TypeComparators.IsMember(schema, a, b) ? -1
            : b is InterfaceType && TypeComparators.IsMember(schema, b, a) ? 1
            : Suggestions.NaturalCompare(a.Name, b.Name))).Select(t => t.Name)];
    }

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override bool EnterField(FieldNode node)
        {
            if (context.TypeInfo.ParentType is not { } type || context.TypeInfo.FieldDefinition is not null)
            {
                return true;
            }

            var name = node.Name.Value;
            var suggestion = Suggestions.DidYouMean("to use an inline fragment on", SuggestedTypeNames(context.Schema, type, name));
            if (suggestion.Length == 0 && type is ComplexType complex)
            {
                suggestion = Suggestions.DidYouMean(Suggestions.List(name, complex.Fields.Select(f => f.Name)));
            }

            context.ReportError($"Cannot query field \"{name}\" on type \"{type.Name}\".{suggestion}", node);
            return true;
        }
    }
}
