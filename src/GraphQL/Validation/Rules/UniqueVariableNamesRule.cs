using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.8.1 Variable Uniqueness; one error per duplicated name, at every definition of it.</summary>
internal sealed class UniqueVariableNamesRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override bool EnterOperationDefinition(OperationDefinitionNode node)
        {
            foreach (var group in node.VariableDefinitions.GroupBy(v => v.Variable.Name.Value, StringComparer.Ordinal))
            {
                if (group.Count() > 1)
                {
                    context.ReportError(
                        $"There can be only one variable named \"${group.Key}\".", [.. group.Select(v => v.Variable.Name)]);
                }
            }

            return true;
        }
    }
}
