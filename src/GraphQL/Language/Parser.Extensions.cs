using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Language;

public sealed partial class Parser
{
    // Each "extend" form must add something (spec 3.2.2, 3.4.3, ...): an extension with no
    // directives, interfaces, fields, members or values is a syntax error.
    private TypeSystemDefinitionNode ParseTypeSystemExtension()
    {
        var location = Current.Location;
        ExpectKeyword("extend");
        var keyword = Current;
        if (keyword.Kind != TokenKind.Name
            || keyword.Value is not ("schema" or "scalar" or "type" or "interface" or "union" or "enum" or "input"))
        {
            throw Unexpected(); // before reading on, as graphql-js does: the bad keyword is the error
        }

        Advance();
        switch (keyword.Value)
        {
            case "schema":
                var schemaDirectives = ParseDirectives(isConst: true);
                var operations = Optional(TokenKind.BraceLeft, ParseOperationTypeDefinition, TokenKind.BraceRight);
                return schemaDirectives.Count + operations.Count == 0
                    ? throw Unexpected()
                    : new SchemaExtensionNode(location, schemaDirectives, operations);
            case "scalar":
                var scalarName = ParseName();
                var scalarDirectives = ParseDirectives(isConst: true);
                return scalarDirectives.Count == 0
                    ? throw Unexpected()
                    : new ScalarTypeExtensionNode(location, scalarName, scalarDirectives);
            case "type" or "interface":
                var name = ParseName();
                var interfaces = ParseImplementsInterfaces();
                var directives = ParseDirectives(isConst: true);
                var fields = ParseFieldsDefinition();
                if (interfaces.Count + directives.Count + fields.Count == 0)
                {
                    throw Unexpected();
                }

                return keyword.Value == "type"
                    ? new ObjectTypeExtensionNode(location, name, interfaces, directives, fields)
                    : new InterfaceTypeExtensionNode(location, name, interfaces, directives, fields);
            case "union":
                var unionName = ParseName();
                var unionDirectives = ParseDirectives(isConst: true);
                var types = ParseUnionMembers();
                return unionDirectives.Count + types.Count == 0
                    ? throw Unexpected()
                    : new UnionTypeExtensionNode(location, unionName, unionDirectives, types);
            case "enum":
                var enumName = ParseName();
                var enumDirectives = ParseDirectives(isConst: true);
                var values = ParseEnumValues();
                return enumDirectives.Count + values.Count == 0
                    ? throw Unexpected()
                    : new EnumTypeExtensionNode(location, enumName, enumDirectives, values);
            case "input":
                var inputName = ParseName();
                var inputDirectives = ParseDirectives(isConst: true);
                var inputFields = ParseInputFields();
                return inputDirectives.Count + inputFields.Count == 0
                    ? throw Unexpected()
                    : new InputObjectTypeExtensionNode(location, inputName, inputDirectives, inputFields);
            default:
                throw Unexpected(keyword);
        }
    }
}
