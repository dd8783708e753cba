using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Types;
using Cabinets.GraphQL.Validation;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>
/// The example schema of spec section 5 (dog, cat, pet, human, alien), with the additions its
/// examples assume (<c>Arguments</c>, <c>ComplexInput</c>, <c>FindDogInput</c>, a subscription root),
/// plus a @oneOf input and two test directives. Built once; types are never resolved here.
/// </summary>
internal static class ValidationTestSchema
{
    public static Schema Schema { get; } = Build();

    public static Schema Build() => new SchemaBuilder()
        .Query(q => q
            .Field("dog", "Dog")
            .Field("findDog", "Dog", f => f.Argument("searchBy", "FindDogInput").Argument("complex", "ComplexInput"))
            .Field("booleanList", "Boolean", f => f.Argument("booleanListArg", "[Boolean!]"))
            .Field("human", "Human")
            .Field("pet", "Pet")
            .Field("catOrDog", "CatOrDog")
            .Field("arguments", "Arguments")
            .Field("findPet", "Pet", f => f.Argument("by", "PetBy"))
            .Field("findPetStrictly", "Pet", f => f.Argument("by", "PetBy!")))
        .Enum("DogCommand", e => e.Value("SIT").Value("DOWN").Value("HEEL"))
        .Object("Dog", t => t
            .Implements("Pet")
            .Field("name", "String!")
            .Field("nickname", "String")
            .Field("barkVolume", "Int")
            .Field("doesKnowCommand", "Boolean!", f => f.Argument("dogCommand", "DogCommand!"))
            .Field("isHouseTrained", "Boolean!", f => f.Argument("atOtherHomes", "Boolean"))
            .Field("owner", "Human"))
        .Interface("Sentient", i => i.Field("name", "String!"))
        .Interface("Pet", i => i.Field("name", "String!"))
        .Object("Alien", t => t.Implements("Sentient").Field("name", "String!").Field("homePlanet", "String"))
        .Object("Human", t => t.Implements("Sentient").Field("name", "String!").Field("pets", "[Pet!]"))
        .Enum("CatCommand", e => e.Value("JUMP"))
        .Object("Cat", t => t
            .Implements("Pet")
            .Field("name", "String!")
            .Field("nickname", "String")
            .Field("doesKnowCommand", "Boolean!", f => f.Argument("catCommand", "CatCommand!"))
            .Field("meowVolume", "Int"))
        .Union("CatOrDog", u => u.Types("Cat", "Dog"))
        .Union("DogOrHuman", u => u.Types("Dog", "Human"))
        .Union("HumanOrAlien", u => u.Types("Human", "Alien"))
        .InputObject("FindDogInput", i => i.Field("name", "String").Field("owner", "String"))
        .InputObject("ComplexInput", i => i.Field("name", "String").Field("owner", "String").Field("required", "Boolean!", f => f.DefaultValue(true)))
        .InputObject("PetBy", i => i.OneOf().Field("name", "String").Field("id", "ID"))
        .Object("Arguments", t => t
            .Field("multipleRequirements", "Int!", f => f.Argument("x", "Int!").Argument("y", "Int!"))
            .Field("booleanArgField", "Boolean", f => f.Argument("booleanArg", "Boolean"))
            .Field("floatArgField", "Float", f => f.Argument("floatArg", "Float"))
            .Field("intArgField", "Int", f => f.Argument("intArg", "Int"))
            .Field("nonNullBooleanArgField", "Boolean!", f => f.Argument("nonNullBooleanArg", "Boolean!"))
            .Field("booleanListArgField", "[Boolean]", f => f.Argument("booleanListArg", "[Boolean]!"))
            .Field("nonNullBooleanListField", "[Boolean]", f => f.Argument("nonNullBooleanListArg", "[Boolean]!"))
            .Field("optionalNonNullBooleanArgField", "Boolean!", f => f.Argument("optionalBooleanArg", "Boolean!", a => a.DefaultValue(false))))
        .Subscription(s => s.Field("newMessage", "Message").Field("disallowedSecondRootField", "Boolean"))
        .Object("Message", t => t.Field("body", "String").Field("sender", "String"))
        .Directive("onField", d => d.Locations(DirectiveLocation.Field))
        .Directive("tag", d => d.Repeatable().Argument("name", "String!").Locations(DirectiveLocation.Field, DirectiveLocation.Query))
        .Build();

    /// <summary>A schema with only a query root, for operations whose root type is missing.</summary>
    public static Schema QueryOnly { get; } = new SchemaBuilder().Query(q => q.Field("a", "Int")).Build();
}

/// <summary>Runs rules the way graphql-js's validation tests do and renders errors as "message line:column …".</summary>
internal static class Check
{
    public static IReadOnlyList<string> Errors(IValidationRule rule, string query, Schema? schema = null) =>
        Errors([rule], query, schema);

    public static IReadOnlyList<string> Errors(IReadOnlyList<IValidationRule> rules, string query, Schema? schema = null, int maxErrors = Validator.MaxErrors) =>
        [.. Validator.Validate(schema ?? ValidationTestSchema.Schema, Parser.Parse(query), rules, maxErrors: maxErrors).Select(Describe)];

    public static string Describe(GraphQLError error) =>
        string.Join(" ", [error.Message, .. error.Locations.Select(l => $"{l.Line}:{l.Column}")]);
}
