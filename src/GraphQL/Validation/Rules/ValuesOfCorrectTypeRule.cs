using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>
/// Spec 5.6.1 Values of Correct Type, 5.6.2 Input Object Field Names and 5.6.4 Input Object
/// Required Fields, plus @oneOf input objects (exactly one field, not null). Variables are
/// VariablesInAllowedPosition's business. A port of graphql-js <c>ValuesOfCorrectTypeRule</c>.
/// </summary>
internal sealed class ValuesOfCorrectTypeRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private TypeInfo TypeInfo => context.TypeInfo;

        public override bool EnterValue(ValueNode node)
        {
            switch (node)
            {
                case ListValueNode when TypeInfo.ParentInputType?.Nullable is not ListType:
                    CheckLeaf(node);
                    return false;
                case ObjectValueNode when TypeInfo.InputType?.Named is not InputObjectType:
                    CheckLeaf(node);
                    return false;
                case ObjectValueNode obj:
                    CheckObject(obj, (InputObjectType)TypeInfo.InputType!.Named);
                    return true;
                case NullValueNode when TypeInfo.InputType is NonNullType nonNull:
                    context.ReportError($"Expected value of type \"{nonNull}\", found null.", node);
                    return true;
                case EnumValueNode or IntValueNode or FloatValueNode or StringValueNode or BooleanValueNode:
                    CheckLeaf(node);
                    return true;
                default:
                    return true;
            }
        }

        public override bool EnterObjectField(ObjectFieldNode node)
        {
            if (TypeInfo.InputType is null && TypeInfo.ParentInputType?.Named is InputObjectType parent)
            {
                var hint = Suggestions.DidYouMean(Suggestions.List(node.Name.Value, parent.Fields.Select(f => f.Name)));
                context.ReportError($"Field \"{node.Name.Value}\" is not defined by type \"{parent.Name}\".{hint}", node);
            }

            return true;
        }

        private void CheckObject(ObjectValueNode node, InputObjectType type)
        {
            // As graphql-js keyMap: the last of duplicated fields counts (duplicates are UniqueInputFieldNames' error).
            var fields = new Dictionary<string, ObjectFieldNode>(StringComparer.Ordinal);
            foreach (var field in node.Fields)
            {
                fields[field.Name.Value] = field;
            }

            foreach (var definition in type.Fields)
            {
                if (!fields.ContainsKey(definition.Name) && definition.Type.IsNonNull && !definition.HasDefaultValue)
                {
                    context.ReportError(
                        $"Field \"{type.Name}.{definition.Name}\" of required type \"{definition.Type}\" was not provided.", node);
                }
            }

            if (!type.IsOneOf)
            {
                return;
            }

            if (fields.Count != 1)
            {
                context.ReportError($"OneOf Input Object \"{type.Name}\" must specify exactly one key.", node);
            }
            else if (fields.Values.Single().Value is NullValueNode)
            {
                context.ReportError($"Field \"{type.Name}.{fields.Keys.Single()}\" must be non-null.", node);
            }
        }

        /// <summary>graphql-js <c>isValidValueNode</c>: a literal (or misplaced list or object) against the expected type.</summary>
        private void CheckLeaf(ValueNode node)
        {
            if (TypeInfo.InputType is not { } locationType)
            {
                return;
            }

            var expected = $"Expected value of type \"{locationType}\", found {Printer.Print(node)}";
            if (!locationType.Named.IsLeaf)
            {
                context.ReportError(expected + ".", node);
            }
            else if (LeafLiterals.Check(locationType.Named, node) is var (message, standalone))
            {
                context.ReportError(standalone ? message : $"{expected}; {message}", node);
            }
        }
    }
}
