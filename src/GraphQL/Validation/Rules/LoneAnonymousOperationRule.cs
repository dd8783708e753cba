using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.2.3.1 Lone Anonymous Operation: the shorthand form only when it is the only operation.</summary>
internal sealed class LoneAnonymousOperationRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private int _operationCount;

        public override bool EnterDocument(DocumentNode node)
        {
            _operationCount = node.Operations.Count();
            return true;
        }

        public override bool EnterOperationDefinition(OperationDefinitionNode node)
        {
            if (node.Name is null && _operationCount > 1)
            {
                context.ReportError("This anonymous operation must be the only defined operation.", node);
            }

            return true;
        }
    }
}
