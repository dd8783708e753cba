using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.5.1.1 Fragment Name Uniqueness.</summary>
internal sealed class UniqueFragmentNamesRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

        public override bool EnterOperationDefinition(OperationDefinitionNode node) => false;

        public override bool EnterFragmentDefinition(FragmentDefinitionNode node)
        {
            if (!_known.TryAdd(node.Name.Value, node.Name))
            {
                context.ReportError($"There can be only one fragment named \"{node.Name.Value}\".", _known[node.Name.Value], node.Name);
            }

            return false;
        }
    }
}
