using System.Text.Json;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Tests.Execution;

public sealed class VariableCoercionTests
{
    /// <summary>Echoes its arguments back as JSON text so tests can see the coerced values.</summary>
    private static readonly Schema Echo = new SchemaBuilder()
        .Query(q => q
            .Field("echo", "String", f => f
                .Argument("int", "Int")
                .Argument("ints", "[Int]")
                .Argument("required", "String!", a => a.DefaultValue("default"))
                .Argument("filter", "Filter")
                .Argument("lookup", "Lookup")
                .Argument("state", "State")
                .Argument("when", "DateTime")
                .Argument("amount", "Decimal")
                .Argument("big", "Long")
                .Resolve(ctx => JsonSerializer.Serialize(ctx.Arguments.ToDictionary(a => a.Key, a => Describe(a.Value))))))
        .InputObject("Filter", i => i
            .Field("city", "String")
            .Field("first", "Int!", f => f.DefaultValue(10))
            .Field("states", "[State!]"))
        .InputObject("Lookup", i => i.OneOf().Field("id", "ID").Field("serial", "String"))
        .Enum<DoorState>("State")
        .Build();

    private static object? Describe(object? value) => value switch
    {
        null => null,
        object?[] list => list.Select(Describe).ToArray(),
        Dictionary<string, object?> map => map.ToDictionary(p => p.Key, p => Describe(p.Value)),
        DoorState state => "enum:" + state,
        DateTimeOffset date => "date:" + date.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        decimal m => "decimal:" + m.ToString(System.Globalization.CultureInfo.InvariantCulture),
        long l => "long:" + l,
        _ => value,
    };

    private static async Task<string?> EchoOf(string query, string? variablesJson = null)
    {
        var result = await new Executor(Echo).ExecuteAsync(new ExecutionRequest
        {
            Query = query,
            VariablesJson = variablesJson is null ? null : JsonDocument.Parse(variablesJson).RootElement,
        });
        result.Errors.ShouldBeEmpty();
        return result.Data!["echo"] as string;
    }

    private static async Task<ExecutionResult> Fails(string query, string variablesJson) =>
        await new Executor(Echo).ExecuteAsync(new ExecutionRequest { Query = query, VariablesJson = JsonDocument.Parse(variablesJson).RootElement });

    [Fact]
    public async Task literal_arguments_are_coerced_with_defaults_for_missing_ones() =>
        (await EchoOf("{ echo(int: 3, ints: 4, state: OUT_OF_ORDER, filter: {city: \"SH\"}) }"))
            .ShouldBe("""{"int":3,"ints":[4],"required":"default","filter":{"city":"SH","first":10},"state":"enum:OutOfOrder"}""");

    [Fact]
    public async Task variables_from_json_are_coerced_by_their_declared_types() =>
        (await EchoOf(
            "query ($f: Filter, $i: [Int], $w: DateTime, $a: Decimal, $b: Long) { echo(filter: $f, ints: $i, when: $w, amount: $a, big: $b) }",
            """{"f": {"states": ["OPEN", "CLOSED"], "first": 2}, "i": [1, null, 3], "w": "2026-11-22T10:15:30+08:00", "a": 12.50, "b": 9007199254740993}"""))
            .ShouldBe("""{"ints":[1,null,3],"required":"default","filter":{"first":2,"states":["enum:Open","enum:Closed"]},"when":"date:2026-11-22T10:15:30.0000000\u002B08:00","amount":"decimal:12.50","big":"long:9007199254740993"}""");

    [Fact]
    public async Task variable_defaults_apply_when_the_variable_is_absent() =>
        (await EchoOf("query ($i: Int = 7, $r: String) { echo(int: $i, required: $r) }", "{}"))
            .ShouldBe("""{"int":7,"required":"default"}""");

    [Fact]
    public async Task an_explicit_null_is_kept_distinct_from_an_absent_value() =>
        (await EchoOf("query ($i: Int) { echo(int: $i, filter: {city: null}) }", """{"i": null}"""))
            .ShouldBe("""{"int":null,"required":"default","filter":{"city":null,"first":10}}""");

    [Fact]
    public async Task a_one_of_input_takes_exactly_one_non_null_field()
    {
        (await EchoOf("{ echo(lookup: {serial: \"C-1\"}) }")).ShouldBe("""{"required":"default","lookup":{"serial":"C-1"}}""");

        var two = await Fails("query ($l: Lookup) { echo(lookup: $l) }", """{"l": {"id": "1", "serial": "C-1"}}""");
        two.Errors.ShouldHaveSingleItem().Message.ShouldBe("Variable \"$l\" got invalid value { id: \"1\", serial: \"C-1\" }; Exactly one key must be specified for OneOf type \"Lookup\".");
        var nullField = await Fails("query ($l: Lookup) { echo(lookup: $l) }", """{"l": {"id": null}}""");
        nullField.Errors.ShouldHaveSingleItem().Message.ShouldBe("Variable \"$l\" got invalid value null at \"l.id\"; Field \"id\" must be non-null.");
    }

    [Theory]
    [InlineData("query ($i: Int) { echo(int: $i) }", """{"i": 1.5}""", "Variable \"$i\" got invalid value 1.5; Int cannot represent non-integer value: 1.5")]
    [InlineData("query ($i: Int) { echo(int: $i) }", """{"i": 3000000000}""", "Variable \"$i\" got invalid value 3000000000; Int cannot represent non 32-bit signed integer value: 3000000000")]
    [InlineData("query ($i: Int) { echo(int: $i) }", """{"i": "1"}""", "Variable \"$i\" got invalid value \"1\"; Int cannot represent non-integer value: \"1\"")]
    [InlineData("query ($s: String!) { echo(required: $s) }", """{}""", "Variable \"$s\" of required type \"String!\" was not provided.")]
    [InlineData("query ($s: String!) { echo(required: $s) }", """{"s": null}""", "Variable \"$s\" of non-null type \"String!\" must not be null.")]
    [InlineData("query ($f: Filter) { echo(filter: $f) }", """{"f": {"town": "x"}}""", "Variable \"$f\" got invalid value { town: \"x\" }; Field \"town\" is not defined by type \"Filter\".")]
    [InlineData("query ($f: Filter) { echo(filter: $f) }", """{"f": {"states": ["AJAR"]}}""", "Variable \"$f\" got invalid value \"AJAR\" at \"f.states[0]\"; Value \"AJAR\" does not exist in \"State\" enum.")]
    [InlineData("query ($f: Filter) { echo(filter: $f) }", """{"f": "str"}""", "Variable \"$f\" got invalid value \"str\"; Expected type \"Filter\" to be an object.")]
    [InlineData("query ($i: [Int]) { echo(ints: $i) }", """{"i": [1, "x"]}""", "Variable \"$i\" got invalid value \"x\" at \"i[1]\"; Int cannot represent non-integer value: \"x\"")]
    [InlineData("query ($w: DateTime) { echo(when: $w) }", """{"w": "2026-11-22 10:15"}""", "Variable \"$w\" got invalid value \"2026-11-22 10:15\"; DateTime cannot represent value: \"2026-11-22 10:15\"")]
    public async Task invalid_variables_are_request_errors_with_bad_user_input(string query, string variables, string message)
    {
        var result = await Fails(query, variables);

        result.Executed.ShouldBeFalse();
        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldBe(message);
        error.Code.ShouldBe(ErrorCodes.BadUserInput);
        error.Locations.ShouldHaveSingleItem().Line.ShouldBe(1);
    }

    [Fact]
    public async Task dictionary_variables_work_like_json_ones()
    {
        var result = await new Executor(Echo).ExecuteAsync(new ExecutionRequest
        {
            Query = "query ($i: [Int]) { echo(ints: $i) }",
            Variables = new Dictionary<string, object?> { ["i"] = new List<object?> { 1L, 2 } },
        });

        result.Data!["echo"].ShouldBe("""{"ints":[1,2],"required":"default"}""");
    }
}
