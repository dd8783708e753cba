using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.5.2.3 Fragment Spread Is Possible: the fragment's and the scope's possible types intersect.</summary>
internal sealed class PossibleFragmentSpreadsRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override bool EnterInlineFragment(InlineFragmentNode node)
        {
            if (context.TypeInfo.Type is NamedType { IsComposite: true } fragmentType
                && context.TypeInfo.ParentType is { IsComposite: true } parentType
                && !TypeComparators.DoTypesOverlap(context.Schema, fragmentType, parentType))
            {
                context.ReportError(
                    $"Fragment cannot be spread here as objects of type \"{parentType}\" can never be of type \"{fragmentType}\".", node);
            }

            return true;
        }

        public override bool EnterFragmentSpread(FragmentSpreadNode node)
        {
            var name = node.Name.Value;
            if (context.LookupFragment(name) is { } fragment
                && TypeInfo.FromAst(context.Schema, fragment.TypeCondition) is NamedType { IsComposite: true } fragmentType
                && context.TypeInfo.ParentType is { } parentType
                && !TypeComparators.DoTypesOverlap(context.Schema, fragmentType, parentType))
            {
                context.ReportError(
                    $"Fragment \"{name}\" cannot be spread here as objects of type \"{parentType}\" can never be of type \"{fragmentType}\".",
                    node);
            }

            return true;
        }
    }
}
