using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation;

/// <summary>
/// What the schema says about the node being visited: its output type, the enclosing composite
/// type, the field and argument definitions, the expected input type and whether the location has
/// a default. A port of graphql-js <c>TypeInfo</c>, so rules see exactly what graphql-js rules see
/// (unknown names push null rather than stopping the walk).
/// </summary>
public sealed class TypeInfo
{
    private readonly List<GraphQLType?> _types = [];
    private readonly List<NamedType?> _parentTypes = [];
    private readonly List<GraphQLType?> _inputTypes = [];
    private readonly List<FieldDefinition?> _fieldDefinitions = [];
    private readonly List<bool> _hasDefaults = [];

    internal TypeInfo(Schema schema) => Schema = schema;

    public Schema Schema { get; }

    /// <summary>The output type of the current field, fragment or operation.</summary>
    public GraphQLType? Type => Peek(_types);

    /// <summary>The composite type whose selection set is being visited.</summary>
    public NamedType? ParentType => Peek(_parentTypes);

    /// <summary>The type expected where the current value (or argument, input field) is.</summary>
    public GraphQLType? InputType => Peek(_inputTypes);

    public GraphQLType? ParentInputType => _inputTypes.Count > 1 ? _inputTypes[^2] : null;

    public FieldDefinition? FieldDefinition => Peek(_fieldDefinitions);

    public DirectiveDefinition? Directive { get; private set; }

    public InputValueDefinition? Argument { get; private set; }

    /// <summary>Whether the current argument or input field declares a default (list items never do).</summary>
    public bool LocationHasDefault => _hasDefaults.Count > 0 && _hasDefaults[^1];

    /// <summary>graphql-js <c>typeFromAST</c>: the schema type a type reference names, or null if unknown.</summary>
    public static GraphQLType? FromAst(Schema schema, TypeNode node) => node switch
    {
        NamedTypeNode named => schema.GetType(named.Name.Value),
        ListTypeNode list => FromAst(schema, list.Type) is { } item ? new ListType(item) : null,
        NonNullTypeNode nonNull => FromAst(schema, nonNull.Type) is { } inner ? new NonNullType(inner) : null,
        _ => null,
    };

    internal void EnterSelectionSet() =>
        _parentTypes.Add(Type?.Named is { IsComposite: true } named ? named : null);

    internal void LeaveSelectionSet() => Pop(_parentTypes);

    internal void EnterField(FieldNode node)
    {
        var definition = ParentType is { } parent ? Introspection.MetaFields.Get(Schema, parent, node.Name.Value) : null;
        _fieldDefinitions.Add(definition);
        _types.Add(definition?.Type is { IsOutputType: true } type ? type : null);
    }

    internal void LeaveField()
    {
        Pop(_fieldDefinitions);
        Pop(_types);
    }

    internal void EnterDirective(DirectiveNode node) => Directive = Schema.GetDirective(node.Name.Value);

    internal void LeaveDirective() => Directive = null;

    internal void EnterOperation(OperationDefinitionNode node) => _types.Add(Schema.GetRootType(node.Operation));

    /// <summary>Inline fragments without a type condition keep the enclosing type.</summary>
    internal void EnterFragment(NamedTypeNode? typeCondition)
    {
        var type = typeCondition is null ? Type?.Named : FromAst(Schema, typeCondition);
        _types.Add(type is { IsOutputType: true } ? type : null);
    }

    internal void LeaveOperationOrFragment() => Pop(_types);

    internal void EnterVariableDefinition(VariableDefinitionNode node) =>
        _inputTypes.Add(FromAst(Schema, node.Type) is { IsInputType: true } type ? type : null);

    internal void LeaveVariableDefinition() => Pop(_inputTypes);

    internal void EnterArgument(ArgumentNode node)
    {
        // As graphql-js: an unknown directive falls back to the enclosing field's arguments.
        var definition = Directive is { } directive
            ? directive.GetArgument(node.Name.Value)
            : FieldDefinition?.GetArgument(node.Name.Value);
        Argument = definition;
        _hasDefaults.Add(definition?.HasDefaultValue ?? false);
        _inputTypes.Add(definition?.Type is { IsInputType: true } type ? type : null);
    }

    internal void LeaveArgument()
    {
        Argument = null;
        Pop(_hasDefaults);
        Pop(_inputTypes);
    }

    /// <summary>A list literal expects its item type; a non-list location keeps its nullable type.</summary>
    internal void EnterListValue()
    {
        var listType = InputType?.Nullable;
        var itemType = listType is ListType list ? list.OfType : listType;
        _hasDefaults.Add(false);
        _inputTypes.Add(itemType is { IsInputType: true } ? itemType : null);
    }

    internal void EnterObjectField(ObjectFieldNode node)
    {
        var field = (InputType?.Named as InputObjectType)?.GetField(node.Name.Value);
        _hasDefaults.Add(field?.HasDefaultValue ?? false);
        _inputTypes.Add(field?.Type is { IsInputType: true } type ? type : null);
    }

    internal void LeaveListValueOrObjectField()
    {
        Pop(_hasDefaults);
        Pop(_inputTypes);
    }

    private static T? Peek<T>(List<T?> stack)
        where T : class => stack.Count > 0 ? stack[^1] : null;

    private static void Pop<T>(List<T> stack) => stack.RemoveAt(stack.Count - 1);
}
