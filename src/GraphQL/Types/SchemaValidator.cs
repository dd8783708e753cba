namespace Cabinets.GraphQL.Types;

/// <summary>The type system rules of spec 3 that a code-first schema can break; run by <see cref="SchemaBuilder.Build"/>.</summary>
internal static class SchemaValidator
{
    public static void Validate(Schema schema)
    {
        var errors = new List<string>();
        foreach (var type in schema.Types)
        {
            if (type.Name.StartsWith("__", StringComparison.Ordinal) && type is not ObjectType and not EnumType)
            {
                errors.Add($"Name \"{type.Name}\" must not begin with \"__\", which is reserved by GraphQL introspection.");
            }

            switch (type)
            {
                case ComplexType complex:
                    ValidateComplex(schema, complex, errors);
                    break;
                case UnionType { Types.Count: 0 } union:
                    errors.Add($"Union type {union.Name} must define one or more member types.");
                    break;
                case EnumType { Values.Count: 0 } @enum:
                    errors.Add($"Enum type {@enum.Name} must define one or more values.");
                    break;
                case InputObjectType input:
                    ValidateInput(input, errors);
                    break;
            }
        }

        if (errors.Count > 0)
        {
            throw new SchemaException(string.Join(Environment.NewLine, errors));
        }
    }

    private static void ValidateComplex(Schema schema, ComplexType type, List<string> errors)
    {
        if (type.Fields.Count == 0)
        {
            errors.Add($"Type {type.Name} must define one or more fields.");
        }

        foreach (var field in type.Fields)
        {
            if (!field.Type.IsOutputType)
            {
                errors.Add($"The type of {type.Name}.{field.Name} must be Output Type but got: {field.Type}.");
            }

            foreach (var argument in field.Arguments)
            {
                if (!argument.Type.IsInputType)
                {
                    errors.Add($"The type of {type.Name}.{field.Name}({argument.Name}:) must be Input Type but got: {argument.Type}.");
                }

                if (argument.IsDeprecated && argument.Type.IsNonNull && !argument.HasDefaultValue)
                {
                    errors.Add($"Required argument {type.Name}.{field.Name}({argument.Name}:) cannot be deprecated.");
                }
            }
        }

        foreach (var @interface in type.Interfaces)
        {
            if (@interface == type)
            {
                errors.Add($"Type {type.Name} cannot implement itself.");
                continue;
            }

            foreach (var transitive in @interface.Interfaces.Where(t => !type.Implements(t)))
            {
                errors.Add($"Type {type.Name} must implement {transitive.Name} because it is implemented by {@interface.Name}.");
            }

            foreach (var expected in @interface.Fields)
            {
                var actual = type.GetField(expected.Name);
                if (actual is null)
                {
                    errors.Add($"Interface field {@interface.Name}.{expected.Name} expected but {type.Name} does not provide it.");
                    continue;
                }

                if (!IsTypeSubTypeOf(schema, actual.Type, expected.Type))
                {
                    errors.Add($"Interface field {@interface.Name}.{expected.Name} expects type {expected.Type} but {type.Name}.{expected.Name} is type {actual.Type}.");
                }

                foreach (var argument in expected.Arguments)
                {
                    var actualArgument = actual.GetArgument(argument.Name);
                    if (actualArgument is null || actualArgument.Type.ToString() != argument.Type.ToString())
                    {
                        errors.Add($"Interface field argument {@interface.Name}.{expected.Name}({argument.Name}:) expected with type {argument.Type} on {type.Name}.{expected.Name}.");
                    }
                }

                foreach (var extra in actual.Arguments.Where(a => expected.GetArgument(a.Name) is null && a.Type.IsNonNull && !a.HasDefaultValue))
                {
                    errors.Add($"Object field {type.Name}.{expected.Name} includes required argument {extra.Name} that is missing from the Interface field {@interface.Name}.{expected.Name}.");
                }
            }
        }
    }

    private static void ValidateInput(InputObjectType input, List<string> errors)
    {
        if (input.Fields.Count == 0)
        {
            errors.Add($"Input Object type {input.Name} must define one or more fields.");
        }

        foreach (var field in input.Fields)
        {
            if (!field.Type.IsInputType)
            {
                errors.Add($"The type of {input.Name}.{field.Name} must be Input Type but got: {field.Type}.");
            }

            if (input.IsOneOf && (field.Type.IsNonNull || field.HasDefaultValue))
            {
                errors.Add($"OneOf input field {input.Name}.{field.Name} must be nullable and have no default value.");
            }

            if (field.IsDeprecated && field.Type.IsNonNull && !field.HasDefaultValue)
            {
                errors.Add($"Required input field {input.Name}.{field.Name} cannot be deprecated.");
            }
        }
    }

    /// <summary>Spec IsValidImplementationFieldType: covariant in named and wrapped types.</summary>
    public static bool IsTypeSubTypeOf(Schema schema, GraphQLType maybeSubType, GraphQLType superType) =>
        (maybeSubType, superType) switch
        {
            (NonNullType sub, NonNullType super) => IsTypeSubTypeOf(schema, sub.OfType, super.OfType),
            (NonNullType sub, _) => IsTypeSubTypeOf(schema, sub.OfType, superType),
            (_, NonNullType) => false,
            (ListType sub, ListType super) => IsTypeSubTypeOf(schema, sub.OfType, super.OfType),
            (ListType, _) or (_, ListType) => false,
            _ => schema.IsSubType((NamedType)superType, (NamedType)maybeSubType),
        };
}
