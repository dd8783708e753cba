using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.4.2 Argument Uniqueness, on fields and directives.</summary>
internal sealed class UniqueArgumentNamesRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override bool EnterField(FieldNode node) => Check(node.Arguments);

        public override bool EnterDirective(DirectiveNode node, DirectiveLocation location) => Check(node.Arguments);

        private bool Check(IReadOnlyList<ArgumentNode> arguments)
        {
            foreach (var group in arguments.GroupBy(a => a.Name.Value, StringComparer.Ordinal))
            {
                if (group.Count() > 1)
                {
                    context.ReportError($"There can be only one argument named \"{group.Key}\".", [.. group.Select(a => a.Name)]);
                }
            }

            return true;
        }
    }
}
