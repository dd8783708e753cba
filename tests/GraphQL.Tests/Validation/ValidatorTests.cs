using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>The validator as a whole: rule order, the error limit and plain (non-visitor) rules.</summary>
public sealed class ValidatorTests
{
    [Fact]
    public void all_rules_report_together_in_graphql_js_order() =>
        Check.Errors(SpecifiedRules.All, """
            query Q($unused: Int, $x: Dgo) {
              dog { nam ...F barkVolume { x } doesKnowCommand }
              findDog(complex: { name: 1, name: 2 }) { name }
            }
            fragment F on Dog { isHouseTrained(atOtherHomes: $undefined) }
            fragment Unused on Cat { meowVolume }
            """).ShouldBe([
            "Unknown type \"Dgo\". Did you mean \"Dog\"? 1:27",
            "Cannot query field \"nam\" on type \"Dog\". Did you mean \"name\"? 2:9",
            "Field \"barkVolume\" must not have a selection since type \"Int\" has no subfields. 2:29",
            "Field \"doesKnowCommand\" argument \"dogCommand\" of type \"DogCommand!\" is required, but it was not provided. 2:35",
            "String cannot represent a non string value: 1 3:28",
            "There can be only one input field named \"name\". 3:22 3:31",
            "String cannot represent a non string value: 2 3:37",
            "Variable \"$undefined\" is not defined by operation \"Q\". 5:50 1:1",
            "Variable \"$unused\" is never used in operation \"Q\". 1:9",
            "Variable \"$x\" is never used in operation \"Q\". 1:23",
            "Fragment \"Unused\" is never used. 6:1",
        ]);

    [Fact]
    public void a_valid_document_has_no_errors() =>
        Check.Errors(SpecifiedRules.All, """
            query ($command: DogCommand!) {
              dog { ...DogFields doesKnowCommand(dogCommand: $command) }
              catOrDog { __typename ... on Cat { meowVolume } }
            }
            fragment DogFields on Dog { name owner { pets { name } } }
            """).ShouldBeEmpty();

    [Fact]
    public void the_error_limit_ends_validation_with_one_more_error() =>
        Check.Errors(SpecifiedRules.All, "{ dog { a b c d } }", maxErrors: 2).ShouldBe([
            "Cannot query field \"a\" on type \"Dog\". 1:9",
            "Cannot query field \"b\" on type \"Dog\". 1:11",
            "Too many validation errors, error limit reached. Validation aborted.",
        ]);

    [Fact]
    public void the_default_limit_is_a_hundred_errors()
    {
        var errors = Check.Errors(SpecifiedRules.All, "{ dog { " + string.Join(" ", Enumerable.Range(0, 150).Select(i => $"f{i}")) + " } }");

        errors.Count.ShouldBe(101);
        errors[99].ShouldBe("Cannot query field \"f99\" on type \"Dog\". 1:395");
        errors[100].ShouldBe("Too many validation errors, error limit reached. Validation aborted.");
    }

    [Fact]
    public void validation_errors_carry_the_validation_failed_code()
    {
        var error = Validator.Validate(ValidationTestSchema.Schema, Parser.Parse("{ nope }"), SpecifiedRules.All).ShouldHaveSingleItem();

        error.Code.ShouldBe(ErrorCodes.ValidationFailed);
        error.Locations.ShouldBe([new Location(1, 3, 2)]);
    }

    [Fact]
    public void plain_rules_run_in_list_order_between_visitor_rules()
    {
        var document = Parser.Parse("{ nope }");
        IValidationRule[] rules = [new FieldsOnCorrectTypeRule(), new Plain("plain"), new FieldsOnCorrectTypeRule()];

        Validator.Validate(ValidationTestSchema.Schema, document, rules).Select(e => e.Message).ShouldBe([
            "Cannot query field \"nope\" on type \"Query\".",
            "plain",
            "Cannot query field \"nope\" on type \"Query\".",
        ]);
    }

    [Fact]
    public void a_rule_can_also_run_alone()
    {
        var context = new ValidationContext(ValidationTestSchema.Schema, Parser.Parse("{ dog { name } } fragment F on Dog { name }"));

        new NoUnusedFragmentsRule().Validate(context);

        context.Errors.ShouldHaveSingleItem().Message.ShouldBe("Fragment \"F\" is never used.");
    }

    private sealed class Plain(string message) : IValidationRule
    {
        public void Validate(ValidationContext context) => context.ReportError(message, Array.Empty<SyntaxNode>());
    }
}
