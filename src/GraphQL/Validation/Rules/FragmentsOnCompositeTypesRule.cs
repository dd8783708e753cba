using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.5.1.3 Fragments On Composite Types (unknown types are KnownTypeNames' business).</summary>
internal sealed class FragmentsOnCompositeTypesRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override bool EnterInlineFragment(InlineFragmentNode node)
        {
            if (node.TypeCondition is { } condition && TypeInfo.FromAst(context.Schema, condition) is { IsComposite: false })
            {
                context.ReportError($"Fragment cannot condition on non composite type \"{Printer.Print(condition)}\".", condition);
            }

            return true;
        }

        public override bool EnterFragmentDefinition(FragmentDefinitionNode node)
        {
            if (TypeInfo.FromAst(context.Schema, node.TypeCondition) is { IsComposite: false })
            {
                context.ReportError(
                    $"Fragment \"{node.Name.Value}\" cannot condition on non composite type \"{Printer.Print(node.TypeCondition)}\".",
                    node.TypeCondition);
            }

            return true;
        }
    }
}
