using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation;

/// <summary>
/// The type system half of the walk. A request containing SDL fails ExecutableDefinitions, but
/// graphql-js still visits it with every rule (unknown types, directives, duplicate directives and
/// input fields are reported inside it too), so we do the same to report the same errors.
/// </summary>
internal sealed partial class DocumentWalker
{
    private void TypeSystemDefinition(TypeSystemDefinitionNode node)
    {
        if (Enter(node, static (v, n) => v.EnterTypeSystemNode(n)))
        {
            switch (node)
            {
                case SchemaDefinitionNode schema:
                    Schema(schema.Directives, schema.OperationTypes);
                    break;
                case SchemaExtensionNode schema:
                    Schema(schema.Directives, schema.OperationTypes);
                    break;
                case ScalarTypeDefinitionNode scalar:
                    Directives(scalar.Directives, DirectiveLocation.Scalar);
                    break;
                case ScalarTypeExtensionNode scalar:
                    Directives(scalar.Directives, DirectiveLocation.Scalar);
                    break;
                case ObjectTypeDefinitionNode type:
                    Complex(type.Interfaces, type.Directives, DirectiveLocation.Object, type.Fields);
                    break;
                case ObjectTypeExtensionNode type:
                    Complex(type.Interfaces, type.Directives, DirectiveLocation.Object, type.Fields);
                    break;
                case InterfaceTypeDefinitionNode type:
                    Complex(type.Interfaces, type.Directives, DirectiveLocation.Interface, type.Fields);
                    break;
                case InterfaceTypeExtensionNode type:
                    Complex(type.Interfaces, type.Directives, DirectiveLocation.Interface, type.Fields);
                    break;
                case UnionTypeDefinitionNode union:
                    Union(union.Directives, union.Types);
                    break;
                case UnionTypeExtensionNode union:
                    Union(union.Directives, union.Types);
                    break;
                case EnumTypeDefinitionNode @enum:
                    Enum(@enum.Directives, @enum.Values);
                    break;
                case EnumTypeExtensionNode @enum:
                    Enum(@enum.Directives, @enum.Values);
                    break;
                case InputObjectTypeDefinitionNode input:
                    Directives(input.Directives, DirectiveLocation.InputObject);
                    InputValues(input.Fields, DirectiveLocation.InputFieldDefinition);
                    break;
                case InputObjectTypeExtensionNode input:
                    Directives(input.Directives, DirectiveLocation.InputObject);
                    InputValues(input.Fields, DirectiveLocation.InputFieldDefinition);
                    break;
                case DirectiveDefinitionNode directive:
                    InputValues(directive.Arguments, DirectiveLocation.ArgumentDefinition);
                    break;
            }
        }

        Leave(node, static (v, n) => v.LeaveTypeSystemNode(n));
    }

    private void Schema(IReadOnlyList<DirectiveNode> directives, IReadOnlyList<OperationTypeDefinitionNode> operationTypes)
    {
        Directives(directives, DirectiveLocation.Schema);
        foreach (var operationType in operationTypes)
        {
            if (Enter(operationType, static (v, n) => v.EnterTypeSystemNode(n)))
            {
                Type(operationType.Type, inTypeSystem: true);
            }

            Leave(operationType, static (v, n) => v.LeaveTypeSystemNode(n));
        }
    }

    private void Complex(
        IReadOnlyList<NamedTypeNode> interfaces,
        IReadOnlyList<DirectiveNode> directives,
        DirectiveLocation location,
        IReadOnlyList<FieldDefinitionNode> fields)
    {
        foreach (var @interface in interfaces)
        {
            Type(@interface, inTypeSystem: true);
        }

        Directives(directives, location);
        foreach (var field in fields)
        {
            if (Enter(field, static (v, n) => v.EnterTypeSystemNode(n)))
            {
                InputValues(field.Arguments, DirectiveLocation.ArgumentDefinition);
                Type(field.Type, inTypeSystem: true);
                Directives(field.Directives, DirectiveLocation.FieldDefinition);
            }

            Leave(field, static (v, n) => v.LeaveTypeSystemNode(n));
        }
    }

    private void Union(IReadOnlyList<DirectiveNode> directives, IReadOnlyList<NamedTypeNode> types)
    {
        Directives(directives, DirectiveLocation.Union);
        foreach (var type in types)
        {
            Type(type, inTypeSystem: true);
        }
    }

    private void Enum(IReadOnlyList<DirectiveNode> directives, IReadOnlyList<EnumValueDefinitionNode> values)
    {
        Directives(directives, DirectiveLocation.Enum);
        foreach (var value in values)
        {
            if (Enter(value, static (v, n) => v.EnterTypeSystemNode(n)))
            {
                Directives(value.Directives, DirectiveLocation.EnumValue);
            }

            Leave(value, static (v, n) => v.LeaveTypeSystemNode(n));
        }
    }

    private void InputValues(IReadOnlyList<InputValueDefinitionNode> inputValues, DirectiveLocation location)
    {
        foreach (var inputValue in inputValues)
        {
            if (Enter(inputValue, static (v, n) => v.EnterTypeSystemNode(n)))
            {
                Type(inputValue.Type, inTypeSystem: true);
                if (inputValue.DefaultValue is { } defaultValue)
                {
                    Value(defaultValue);
                }

                Directives(inputValue.Directives, location);
            }

            Leave(inputValue, static (v, n) => v.LeaveTypeSystemNode(n));
        }
    }
}
