using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>
/// Spec 5.2.1 (September 2025): an operation's root type must exist, e.g. no mutation on a schema
/// without <c>Mutation</c>. graphql-js 17 <c>KnownOperationTypesRule</c>.
/// </summary>
internal sealed class KnownOperationTypesRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override bool EnterOperationDefinition(OperationDefinitionNode node)
        {
            if (context.Schema.GetRootType(node.Operation) is null)
            {
                var operation = node.Operation.ToString().ToLowerInvariant();
                context.ReportError($"The {operation} operation is not supported by the schema.", node);
            }

            return true;
        }
    }
}
