using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.8.2 Variables Are Input Types.</summary>
internal sealed class VariablesAreInputTypesRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override bool EnterVariableDefinition(VariableDefinitionNode node)
        {
            if (TypeInfo.FromAst(context.Schema, node.Type) is { IsInputType: false })
            {
                context.ReportError(
                    $"Variable \"${node.Variable.Name.Value}\" cannot be non-input type \"{Printer.Print(node.Type)}\".", node.Type);
            }

            return true;
        }
    }
}
