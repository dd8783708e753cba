using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.7.1 Directives Are Defined and 5.7.2 Directives Are In Valid Locations.</summary>
internal sealed class KnownDirectivesRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly Dictionary<string, HashSet<DirectiveLocation>> _locations = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context)
        {
            _context = context;
            foreach (var directive in context.Schema.Directives)
            {
                _locations[directive.Name] = [.. directive.Locations];
            }

            // Directives defined in the document itself count too (graphql-js does the same).
            foreach (var definition in context.Document.Definitions.OfType<DirectiveDefinitionNode>())
            {
                _locations[definition.Name.Value] =
                    [.. definition.Locations.Select(l => DirectiveLocations.Parse(l.Value)).OfType<DirectiveLocation>()];
            }
        }

        public override bool EnterDirective(DirectiveNode node, DirectiveLocation location)
        {
            var name = node.Name.Value;
            if (!_locations.TryGetValue(name, out var locations))
            {
                _context.ReportError($"Unknown directive \"@{name}\".", node);
            }
            else if (!locations.Contains(location))
            {
                _context.ReportError($"Directive \"@{name}\" may not be used on {location.Name()}.", node);
            }

            return true;
        }
    }
}
