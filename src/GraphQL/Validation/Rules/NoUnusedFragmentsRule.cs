using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.5.1.4 Fragments Must Be Used (by some operation, transitively); reported when the document is left.</summary>
internal sealed class NoUnusedFragmentsRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly List<OperationDefinitionNode> _operations = [];
        private readonly List<FragmentDefinitionNode> _fragments = [];

        public override bool EnterOperationDefinition(OperationDefinitionNode node)
        {
            _operations.Add(node);
            return false;
        }

        public override bool EnterFragmentDefinition(FragmentDefinitionNode node)
        {
            _fragments.Add(node);
            return false;
        }

        public override void LeaveDocument(DocumentNode node)
        {
            var used = context.GetRecursivelyReferencedFragments(_operations).Select(f => f.Name.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var fragment in _fragments)
            {
                if (!used.Contains(fragment.Name.Value))
                {
                    context.ReportError($"Fragment \"{fragment.Name.Value}\" is never used.", fragment);
                }
            }
        }
    }
}
