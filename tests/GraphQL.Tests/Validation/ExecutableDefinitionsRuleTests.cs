using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.1.1 Executable Definitions; expected errors are graphql-js's for the same document.</summary>
public sealed class ExecutableDefinitionsRuleTests
{
    private static readonly IValidationRule Rule = new ExecutableDefinitionsRule();

    [Fact]
    public void operations_and_fragments_are_executable() =>
        Check.Errors(Rule, """
            query Foo { dog { name } }
            fragment Frag on Dog { name }
            """).ShouldBeEmpty();

    [Fact]
    public void a_type_extension_is_not_executable() =>
        Check.Errors(Rule, """
            query getDogName {
              dog {
                name
              }
            }

            extend type Dog {
              color: String
            }
            """).ShouldBe([
            "The \"Dog\" definition is not executable. 7:1",
        ]);

    [Fact]
    public void schema_and_type_definitions_are_not_executable() =>
        Check.Errors(Rule, """
            schema { query: Query }
            type Foo { bar: String }
            directive @d on FIELD
            extend schema @d
            """).ShouldBe([
            "The schema definition is not executable. 1:1",
            "The \"Foo\" definition is not executable. 2:1",
            "The \"d\" definition is not executable. 3:1",
            "The schema definition is not executable. 4:1",
        ]);
}
