using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.6.3 Input Object Field Uniqueness, per object literal (nested literals have their own names).</summary>
internal sealed class UniqueInputFieldNamesRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly Stack<Dictionary<string, NameNode>> _known = new();

        public override bool EnterValue(ValueNode node)
        {
            if (node is ObjectValueNode)
            {
                _known.Push(new Dictionary<string, NameNode>(StringComparer.Ordinal));
            }

            return true;
        }

        public override void LeaveValue(ValueNode node)
        {
            if (node is ObjectValueNode)
            {
                _known.Pop();
            }
        }

        public override bool EnterObjectField(ObjectFieldNode node)
        {
            var known = _known.Peek();
            if (!known.TryAdd(node.Name.Value, node.Name))
            {
                context.ReportError($"There can be only one input field named \"{node.Name.Value}\".", known[node.Name.Value], node.Name);
            }

            return true;
        }
    }
}
