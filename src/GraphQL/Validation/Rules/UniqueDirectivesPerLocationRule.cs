using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>
/// Spec 5.7.3 Directives Are Unique Per Location (repeatable ones excepted). In SDL a type's
/// definition and its extensions count as one location, as do all schema definitions.
/// </summary>
internal sealed class UniqueDirectivesPerLocationRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly Dictionary<string, bool> _unique = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DirectiveNode> _schemaDirectives = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, DirectiveNode>> _typeDirectives = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context)
        {
            _context = context;
            foreach (var directive in context.Schema.Directives)
            {
                _unique[directive.Name] = !directive.IsRepeatable;
            }

            foreach (var definition in context.Document.Definitions.OfType<DirectiveDefinitionNode>())
            {
                _unique[definition.Name.Value] = !definition.Repeatable;
            }
        }

        public override bool EnterOperationDefinition(OperationDefinitionNode node) => Check(node.Directives, []);

        public override bool EnterVariableDefinition(VariableDefinitionNode node) => Check(node.Directives, []);

        public override bool EnterFragmentDefinition(FragmentDefinitionNode node) => Check(node.Directives, []);

        public override bool EnterField(FieldNode node) => Check(node.Directives, []);

        public override bool EnterFragmentSpread(FragmentSpreadNode node) => Check(node.Directives, []);

        public override bool EnterInlineFragment(InlineFragmentNode node) => Check(node.Directives, []);

        public override bool EnterTypeSystemNode(SyntaxNode node) => node switch
        {
            SchemaDefinitionNode schema => Check(schema.Directives, _schemaDirectives),
            SchemaExtensionNode schema => Check(schema.Directives, _schemaDirectives),
            TypeDefinitionNode type => Check(type.Directives, TypeDirectives(type.Name.Value)),
            TypeExtensionNode type => Check(type.Directives, TypeDirectives(type.Name.Value)),
            FieldDefinitionNode field => Check(field.Directives, []),
            InputValueDefinitionNode inputValue => Check(inputValue.Directives, []),
            EnumValueDefinitionNode value => Check(value.Directives, []),
            _ => true,
        };

        private Dictionary<string, DirectiveNode> TypeDirectives(string typeName)
        {
            if (!_typeDirectives.TryGetValue(typeName, out var seen))
            {
                _typeDirectives[typeName] = seen = new Dictionary<string, DirectiveNode>(StringComparer.Ordinal);
            }

            return seen;
        }

        private bool Check(IReadOnlyList<DirectiveNode> directives, Dictionary<string, DirectiveNode> seen)
        {
            foreach (var directive in directives)
            {
                var name = directive.Name.Value;
                if (_unique.GetValueOrDefault(name) && !seen.TryAdd(name, directive))
                {
                    _context.ReportError($"The directive \"@{name}\" can only be used once at this location.", seen[name], directive);
                }
            }

            return true;
        }
    }
}
