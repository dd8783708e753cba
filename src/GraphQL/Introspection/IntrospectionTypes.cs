using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Introspection;

/// <summary>The introspection types (spec 4.2), shared by every schema.</summary>
public static partial class IntrospectionTypes
{
    public static IReadOnlyList<NamedType> All { get; } = [];
}
