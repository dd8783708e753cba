using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>
/// Spec 5.8.3 All Variable Uses Defined, through fragments too. Reported when the operation is
/// left (graphql-js 16), once per usage, at the usage and the operation.
/// </summary>
internal sealed class NoUndefinedVariablesRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly HashSet<string> _defined = new(StringComparer.Ordinal);

        public override bool EnterOperationDefinition(OperationDefinitionNode node)
        {
            _defined.Clear();
            return true;
        }

        public override bool EnterVariableDefinition(VariableDefinitionNode node)
        {
            _defined.Add(node.Variable.Name.Value);
            return true;
        }

        public override void LeaveOperationDefinition(OperationDefinitionNode node)
        {
            foreach (var usage in context.GetRecursiveVariableUsages(node))
            {
                var name = usage.Node.Name.Value;
                if (!_defined.Contains(name))
                {
                    context.ReportError(
                        node.Name is { } operationName
                            ? $"Variable \"${name}\" is not defined by operation \"{operationName.Value}\"."
                            : $"Variable \"${name}\" is not defined.",
                        usage.Node,
                        node);
                }
            }
        }
    }
}
