using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>Spec 5.3.3 Leaf Field Selections: leaves have no selection set, composites need one.</summary>
internal sealed class ScalarLeafsRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override bool EnterField(FieldNode node)
        {
            if (context.TypeInfo.Type is not { } type)
            {
                return true;
            }

            var name = node.Name.Value;
            if (type.Named.IsLeaf)
            {
                if (node.SelectionSet is { } selectionSet)
                {
                    context.ReportError(
                        $"Field \"{name}\" must not have a selection since type \"{type}\" has no subfields.", selectionSet);
                }
            }
            else if (node.SelectionSet is null)
            {
                context.ReportError(
                    $"Field \"{name}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{name} {{ ... }}\"?", node);
            }
            else if (node.SelectionSet.Selections.Count == 0)
            {
                context.ReportError($"Field \"{name}\" of type \"{type}\" must have at least one field selected.", node);
            }

            return true;
        }
    }
}
