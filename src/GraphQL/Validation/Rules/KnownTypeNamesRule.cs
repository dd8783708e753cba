using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.5.1.2 Fragment Spread Type Existence, and every other type reference (variables, SDL).</summary>
internal sealed class KnownTypeNamesRule : VisitorValidationRule
{
    // In SDL the built-in scalars and introspection types may be named even if the schema lacks them.
    private static readonly string[] StandardTypeNames =
    [
        .. BuiltInScalars.All.Select(s => s.Name),
        "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind",
    ];

    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private HashSet<string>? _defined;

        public override bool EnterNamedType(NamedTypeNode node, bool inTypeSystemDefinition)
        {
            var name = node.Name.Value;
            _defined ??= context.Document.Definitions.OfType<TypeDefinitionNode>().Select(d => d.Name.Value).ToHashSet(StringComparer.Ordinal);
            if (context.Schema.GetType(name) is not null || _defined.Contains(name))
            {
                return true;
            }

            if (inTypeSystemDefinition && StandardTypeNames.Contains(name))
            {
                return true;
            }

            var known = context.Schema.Types.Select(t => t.Name).Concat(_defined);
            var suggestions = Suggestions.List(name, inTypeSystemDefinition ? StandardTypeNames.Concat(known) : known);
            context.ReportError($"Unknown type \"{name}\".{Suggestions.DidYouMean(suggestions)}", node);
            return true;
        }
    }
}
