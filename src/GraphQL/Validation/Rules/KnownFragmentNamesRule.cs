using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.5.2.1 Fragment Spread Target Defined.</summary>
internal sealed class KnownFragmentNamesRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override bool EnterFragmentSpread(FragmentSpreadNode node)
        {
            if (context.LookupFragment(node.Name.Value) is null)
            {
                context.ReportError($"Unknown fragment \"{node.Name.Value}\".", node.Name);
            }

            return true;
        }
    }
}
