using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Language;

public sealed partial class Parser
{
    private static readonly HashSet<string> DirectiveLocationNames =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    private TypeSystemDefinitionNode ParseTypeSystemDefinition()
    {
        var location = Current.Location;
        var description = ParseDescription();
        var keyword = Current;
        Advance();
        switch (keyword.Value)
        {
            case "schema":
                var schemaDirectives = ParseDirectives(isConst: true);
                var operations = Many(TokenKind.BraceLeft, ParseOperationTypeDefinition, TokenKind.BraceRight);
                return new SchemaDefinitionNode(location, description, schemaDirectives, operations);
            case "scalar":
                return new ScalarTypeDefinitionNode(location, description, ParseName(), ParseDirectives(isConst: true));
            case "type" or "interface":
                var name = ParseName();
                var interfaces = ParseImplementsInterfaces();
                var directives = ParseDirectives(isConst: true);
                var fields = ParseFieldsDefinition();
                return keyword.Value == "type"
                    ? new ObjectTypeDefinitionNode(location, description, name, interfaces, directives, fields)
                    : new InterfaceTypeDefinitionNode(location, description, name, interfaces, directives, fields);
            case "union":
                var unionName = ParseName();
                var unionDirectives = ParseDirectives(isConst: true);
                return new UnionTypeDefinitionNode(location, description, unionName, unionDirectives, ParseUnionMembers());
            case "enum":
                var enumName = ParseName();
                var enumDirectives = ParseDirectives(isConst: true);
                return new EnumTypeDefinitionNode(location, description, enumName, enumDirectives, ParseEnumValues());
            case "input":
                var inputName = ParseName();
                var inputDirectives = ParseDirectives(isConst: true);
                return new InputObjectTypeDefinitionNode(location, description, inputName, inputDirectives, ParseInputFields());
            default:
                return ParseDirectiveDefinition(location, description);
        }
    }

    private StringValueNode? ParseDescription() =>
        Current.Kind is TokenKind.String or TokenKind.BlockString ? ParseStringLiteral() : null;

    private OperationTypeDefinitionNode ParseOperationTypeDefinition()
    {
        var location = Current.Location;
        var operation = ParseOperationType();
        Expect(TokenKind.Colon);
        return new OperationTypeDefinitionNode(location, operation, ParseNamedType());
    }

    private IReadOnlyList<NamedTypeNode> ParseImplementsInterfaces()
    {
        if (!SkipKeyword("implements"))
        {
            return [];
        }

        Skip(TokenKind.Ampersand);
        var interfaces = new List<NamedTypeNode> { ParseNamedType() };
        while (Skip(TokenKind.Ampersand))
        {
            interfaces.Add(ParseNamedType());
        }

        return interfaces;
    }

    private IReadOnlyList<FieldDefinitionNode> ParseFieldsDefinition() =>
        Optional(TokenKind.BraceLeft, ParseFieldDefinition, TokenKind.BraceRight);

    private FieldDefinitionNode ParseFieldDefinition()
    {
        var location = Current.Location;
        var description = ParseDescription();
        var name = ParseName();
        var arguments = Optional(TokenKind.ParenLeft, ParseInputValueDefinition, TokenKind.ParenRight);
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        return new FieldDefinitionNode(location, description, name, arguments, type, ParseDirectives(isConst: true));
    }

    private InputValueDefinitionNode ParseInputValueDefinition()
    {
        var location = Current.Location;
        var description = ParseDescription();
        var name = ParseName();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        var defaultValue = Skip(TokenKind.Equals) ? ParseValueLiteral(isConst: true) : null;
        return new InputValueDefinitionNode(location, description, name, type, defaultValue, ParseDirectives(isConst: true));
    }

    private IReadOnlyList<InputValueDefinitionNode> ParseInputFields() =>
        Optional(TokenKind.BraceLeft, ParseInputValueDefinition, TokenKind.BraceRight);

    private IReadOnlyList<NamedTypeNode> ParseUnionMembers()
    {
        if (!Skip(TokenKind.Equals))
        {
            return [];
        }

        Skip(TokenKind.Pipe);
        var types = new List<NamedTypeNode> { ParseNamedType() };
        while (Skip(TokenKind.Pipe))
        {
            types.Add(ParseNamedType());
        }

        return types;
    }

    private IReadOnlyList<EnumValueDefinitionNode> ParseEnumValues() =>
        Optional(TokenKind.BraceLeft, ParseEnumValueDefinition, TokenKind.BraceRight);

    private EnumValueDefinitionNode ParseEnumValueDefinition()
    {
        var location = Current.Location;
        var description = ParseDescription();
        if (Current.Kind == TokenKind.Name && Current.Value is "true" or "false" or "null")
        {
            throw new SyntaxError($"{Current} is reserved and cannot be used for an enum value.", Current.Location);
        }

        var name = ParseName();
        return new EnumValueDefinitionNode(location, description, name, ParseDirectives(isConst: true));
    }

    private DirectiveDefinitionNode ParseDirectiveDefinition(Location location, StringValueNode? description)
    {
        Expect(TokenKind.At);
        var name = ParseName();
        var arguments = Optional(TokenKind.ParenLeft, ParseInputValueDefinition, TokenKind.ParenRight);
        var repeatable = SkipKeyword("repeatable");
        ExpectKeyword("on");
        Skip(TokenKind.Pipe);
        var locations = new List<NameNode> { ParseDirectiveLocation() };
        while (Skip(TokenKind.Pipe))
        {
            locations.Add(ParseDirectiveLocation());
        }

        return new DirectiveDefinitionNode(location, description, name, arguments, repeatable, locations);
    }

    private NameNode ParseDirectiveLocation()
    {
        var token = Current;
        var name = ParseName();
        return DirectiveLocationNames.Contains(name.Value) ? name : throw Unexpected(token);
    }
}
