using static Cabinets.GraphQL.Types.DirectiveLocation;

namespace Cabinets.GraphQL.Types;

/// <summary>The directives the spec defines (3.13.1–3.13.5); every schema has them.</summary>
public static class BuiltInDirectives
{
    public const string DefaultDeprecationReason = "No longer supported";

    private static readonly GraphQLType NonNullBoolean = new NonNullType(BuiltInScalars.Boolean);

    public static DirectiveDefinition Include { get; } = new(
        "include",
        [Field, FragmentSpread, InlineFragment],
        [new InputValueDefinition("if", NonNullBoolean) { Description = "Included when true." }],
        description: "Directs the executor to include this field or fragment only when the `if` argument is true.");

    public static DirectiveDefinition Skip { get; } = new(
        "skip",
        [Field, FragmentSpread, InlineFragment],
        [new InputValueDefinition("if", NonNullBoolean) { Description = "Skipped when true." }],
        description: "Directs the executor to skip this field or fragment when the `if` argument is true.");

    public static DirectiveDefinition Deprecated { get; } = new(
        "deprecated",
        [DirectiveLocation.FieldDefinition, ArgumentDefinition, InputFieldDefinition, EnumValue],
        [
            new InputValueDefinition("reason", BuiltInScalars.String)
            {
                Description = "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
                HasDefaultValue = true,
                DefaultValue = DefaultDeprecationReason,
            },
        ],
        description: "Marks an element of a GraphQL schema as no longer supported.");

    public static DirectiveDefinition SpecifiedBy { get; } = new(
        "specifiedBy",
        [DirectiveLocation.Scalar],
        [new InputValueDefinition("url", new NonNullType(BuiltInScalars.String)) { Description = "The URL that specifies the behavior of this scalar." }],
        description: "Exposes a URL that specifies the behavior of this scalar.");

    public static DirectiveDefinition OneOf { get; } = new(
        "oneOf",
        [InputObject],
        [],
        description: "Indicates exactly one field must be supplied and this field must not be `null`.");

    public static IReadOnlyList<DirectiveDefinition> All { get; } = [Include, Skip, Deprecated, SpecifiedBy, OneOf];

    public static bool IsBuiltIn(string name) => name is "include" or "skip" or "deprecated" or "specifiedBy" or "oneOf";
}
