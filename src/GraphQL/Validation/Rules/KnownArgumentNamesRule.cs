using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.4.1 Argument Names, on fields and directives, with "did you mean" hints.</summary>
internal sealed class KnownArgumentNamesRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly Dictionary<string, List<string>> _directiveArguments = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context)
        {
            _context = context;
            foreach (var directive in context.Schema.Directives)
            {
                _directiveArguments[directive.Name] = [.. directive.Arguments.Select(a => a.Name)];
            }

            foreach (var definition in context.Document.Definitions.OfType<DirectiveDefinitionNode>())
            {
                _directiveArguments[definition.Name.Value] = [.. definition.Arguments.Select(a => a.Name.Value)];
            }
        }

        /// <summary>Checks a directive's arguments here and skips them below (graphql-js returns false here).</summary>
        public override bool EnterDirective(DirectiveNode node, DirectiveLocation location)
        {
            var name = node.Name.Value;
            if (_directiveArguments.TryGetValue(name, out var known))
            {
                foreach (var argument in node.Arguments)
                {
                    if (!known.Contains(argument.Name.Value))
                    {
                        var hint = Suggestions.DidYouMean(Suggestions.List(argument.Name.Value, known));
                        _context.ReportError($"Unknown argument \"{argument.Name.Value}\" on directive \"@{name}\".{hint}", argument);
                    }
                }
            }

            return false;
        }

        public override bool EnterArgument(ArgumentNode node)
        {
            var typeInfo = _context.TypeInfo;
            if (typeInfo.Argument is null && typeInfo.FieldDefinition is { } field && typeInfo.ParentType is { } parent)
            {
                var hint = Suggestions.DidYouMean(Suggestions.List(node.Name.Value, field.Arguments.Select(a => a.Name)));
                _context.ReportError($"Unknown argument \"{node.Name.Value}\" on field \"{parent.Name}.{field.Name}\".{hint}", node);
            }

            return true;
        }
    }
}
