using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation;

/// <summary>graphql-js <c>typeComparators</c>, over types that may be freshly wrapped (compared by shape).</summary>
internal static class TypeComparators
{
    /// <summary>Spec 5.8.5 AreTypesCompatible: a value of <paramref name="maybeSubType"/> fits <paramref name="superType"/>.</summary>
    public static bool IsTypeSubTypeOf(Schema schema, GraphQLType maybeSubType, GraphQLType superType)
    {
        if (maybeSubType == superType)
        {
            return true;
        }

        if (superType is NonNullType superNonNull)
        {
            return maybeSubType is NonNullType subNonNull && IsTypeSubTypeOf(schema, subNonNull.OfType, superNonNull.OfType);
        }

        if (maybeSubType is NonNullType nonNull)
        {
            return IsTypeSubTypeOf(schema, nonNull.OfType, superType);
        }

        if (superType is ListType superList)
        {
            return maybeSubType is ListType subList && IsTypeSubTypeOf(schema, subList.OfType, superList.OfType);
        }

        return maybeSubType is not ListType
            && superType is NamedType { IsAbstract: true } @abstract
            && maybeSubType is ComplexType complex
            && IsMember(schema, @abstract, complex);
    }

    /// <summary>Whether some object type could be of both types (spec 5.5.2.3 GetPossibleTypes intersection).</summary>
    public static bool DoTypesOverlap(Schema schema, NamedType typeA, NamedType typeB)
    {
        if (typeA == typeB)
        {
            return true;
        }

        if (typeA.IsAbstract)
        {
            return typeB.IsAbstract
                ? schema.GetPossibleTypes(typeA).Any(type => IsMember(schema, typeB, type))
                : typeB is ComplexType complexB && IsMember(schema, typeA, complexB);
        }

        return typeB.IsAbstract && typeA is ComplexType complexA && IsMember(schema, typeB, complexA);
    }

    /// <summary>graphql-js <c>schema.isSubType</c>: a possible type or implementation, never the type itself.</summary>
    public static bool IsMember(Schema schema, NamedType @abstract, NamedType maybeSubType) =>
        @abstract != maybeSubType && schema.IsSubType(@abstract, maybeSubType);
}
