using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>
/// Not a spec rule: graphql-js 16.9+ adds it to its specified rules (as "recommended") to stop
/// introspection queries that nest <c>fields</c>/<c>interfaces</c>/<c>possibleTypes</c>/<c>inputFields</c>
/// three deep, which cost exponential time to answer. Kept so our errors match graphql-js.
/// </summary>
internal sealed class MaxIntrospectionDepthRule : VisitorValidationRule
{
    private const int MaxListsDepth = 3;

    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly Dictionary<string, int> _checked = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _exceeded = new(StringComparer.Ordinal);

        public override bool EnterField(FieldNode node)
        {
            if (node.Name.Value is "__schema" or "__type" && Exceeds(node, new Dictionary<string, int>(StringComparer.Ordinal), 0))
            {
                context.ReportError("Maximum introspection depth exceeded", node);
                return false;
            }

            return true;
        }

        private bool Exceeds(SyntaxNode node, Dictionary<string, int> visited, int depth)
        {
            if (node is FragmentSpreadNode spread)
            {
                var name = spread.Name.Value;
                if (_exceeded.TryGetValue(name, out var exceededDepth) && exceededDepth <= depth)
                {
                    return true;
                }

                if ((visited.TryGetValue(name, out var visitedDepth) && visitedDepth >= depth)
                    || (_checked.TryGetValue(name, out var checkedDepth) && checkedDepth >= depth)
                    || context.LookupFragment(name) is not { } fragment)
                {
                    return false;
                }

                visited[name] = depth;
                if (Exceeds(fragment, visited, depth))
                {
                    _exceeded[name] = depth;
                    return true;
                }

                _checked[name] = depth;
                return false;
            }

            if (node is FieldNode { Name.Value: "fields" or "interfaces" or "possibleTypes" or "inputFields" } && ++depth >= MaxListsDepth)
            {
                return true;
            }

            var selectionSet = node switch
            {
                FieldNode field => field.SelectionSet,
                InlineFragmentNode inline => inline.SelectionSet,
                FragmentDefinitionNode fragment => fragment.SelectionSet,
                _ => null,
            };
            return selectionSet is not null && selectionSet.Selections.Any(child => Exceeds(child, visited, depth));
        }
    }
}
