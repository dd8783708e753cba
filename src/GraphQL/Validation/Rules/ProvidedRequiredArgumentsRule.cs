using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>
/// Spec 5.4.2.1 Required Arguments: a non-null argument without a default must be given (an
/// explicit null is ValuesOfCorrectType's error). Checked when the field or directive is left.
/// </summary>
internal sealed class ProvidedRequiredArgumentsRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private static bool IsRequired(InputValueDefinition argument) => argument.Type.IsNonNull && !argument.HasDefaultValue;

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;

        /// <summary>Required arguments of each directive: name and printed type.</summary>
        private readonly Dictionary<string, List<(string Name, string Type)>> _required = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context)
        {
            _context = context;
            foreach (var directive in context.Schema.Directives)
            {
                _required[directive.Name] = [.. directive.Arguments.Where(IsRequired).Select(a => (a.Name, a.Type.ToString()))];
            }

            foreach (var definition in context.Document.Definitions.OfType<DirectiveDefinitionNode>())
            {
                _required[definition.Name.Value] = [.. definition.Arguments
                    .Where(a => a.Type is NonNullTypeNode && a.DefaultValue is null)
                    .Select(a => (a.Name.Value, Printer.Print(a.Type)))];
            }
        }

        public override void LeaveField(FieldNode node)
        {
            if (_context.TypeInfo.FieldDefinition is not { } field)
            {
                return;
            }

            foreach (var argument in field.Arguments)
            {
                if (IsRequired(argument) && !node.Arguments.Any(a => a.Name.Value == argument.Name))
                {
                    _context.ReportError(
                        $"Field \"{field.Name}\" argument \"{argument.Name}\" of type \"{argument.Type}\" is required, but it was not provided.",
                        node);
                }
            }
        }

        public override void LeaveDirective(DirectiveNode node)
        {
            if (!_required.TryGetValue(node.Name.Value, out var required))
            {
                return;
            }

            foreach (var (name, type) in required)
            {
                if (!node.Arguments.Any(a => a.Name.Value == name))
                {
                    _context.ReportError(
                        $"Directive \"@{node.Name.Value}\" argument \"{name}\" of type \"{type}\" is required, but it was not provided.",
                        node);
                }
            }
        }
    }
}
