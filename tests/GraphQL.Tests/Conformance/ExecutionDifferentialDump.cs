using System.Text.Json;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Tests.Conformance;

/// <summary>
/// Runs a corpus of queries over JSON data with default resolvers and writes our responses when
/// GRAPHQL_CONFORMANCE_DIR is set; <c>check-exec.js</c> runs the same queries with graphql-js 16
/// over the same data and SDL (ours, printed) and compares the responses.
/// </summary>
public sealed class ExecutionDifferentialDump
{
    private const string Data = """
        {
          "cabinets": [
            {"__typename": "Cabinet", "id": "C-1", "city": "Shanghai", "doorCount": 2, "revenue": 12500, "tags": ["a", null, "b"],
             "doors": [{"__typename": "Door", "id": "D-1", "number": 1, "state": "OPEN", "label": "#1"},
                       {"__typename": "Door", "id": "D-2", "number": 2, "state": "CLOSED", "label": null}]},
            {"__typename": "Cabinet", "id": "C-2", "city": null, "doorCount": 0, "revenue": 0, "tags": [], "doors": []}
          ],
          "matrix": [[1, 2], [3, null], []],
          "strictMatrix": [[1], [null]],
          "sites": [{"__typename": "Site", "id": "S-1", "name": "Depot"}],
          "badState": "AJAR",
          "big": 3000000000,
          "ratio": 0.1
        }
        """;

    public static readonly string[] Queries =
    [
        "{ cabinets { id city doorCount tags doors { number state } } }",
        "{ cabinets { ...C } } fragment C on Cabinet { id doors { id ... on Door { label } } }",
        "{ cabinets { doors { label } } }",
        "{ first: cabinets { id } second: cabinets { city } }",
        "{ everything { __typename ... on Cabinet { city } ... on Door { number } ... on Site { name } } }",
        "{ nodes { id __typename ... on Door { state } } }",
        "{ matrix strictMatrix }",
        "{ matrix }",
        "query ($x: Boolean!) { cabinets { id @skip(if: $x) city @include(if: $x) } }",
        "{ echoInt(value: 5) echoList(values: 7) echoInput(input: {city: \"X\"}) }",
        "query ($v: Int, $l: [Int], $i: Filter) { echoInt(value: $v) echoList(values: $l) echoInput(input: $i) }",
        "query ($v: Int = 3) { echoInt(value: $v) }",
        "{ broken ok: echoInt(value: 1) }",
        "{ __typename cabinets { __typename } }",
        "{ cabinets { id ... @include(if: false) { city } ... on Cabinet @skip(if: false) { doorCount } } }",
        "query Named { cabinets { id } }",
        "{ cabinets { revenue } }",
        "{ __type(name: \"Cabinet\") { name fields { name type { name kind ofType { name } } } } }",
        "{ __schema { queryType { name } types { name kind } } }",
        "{ badState big ratio }",
        "query ($v: Int) { echoInt(value: $v) }",
        "query ($v: Int!) { echoInt(value: $v) }",
        "query ($i: Filter) { echoInput(input: $i) }",
    ];

    private static readonly Dictionary<string, object?>?[] Variables =
    [
        null, null, null, null, null, null, null, null,
        new() { ["x"] = false },
        null,
        new() { ["v"] = 9L, ["l"] = new List<object?> { 1L, null, 3L }, ["i"] = new Dictionary<string, object?> { ["city"] = "Y" } },
        null, null, null, null, null, null, null, null,
        null,
        new() { ["v"] = "x" },
        new(),
        new() { ["i"] = new Dictionary<string, object?> { ["town"] = "Z" } },
    ];

    public static Schema BuildSchema() => new SchemaBuilder()
        .Query(q => q
            .Field("cabinets", "[Cabinet!]!")
            .Field("everything", "[Thing!]!", f => f.Resolve(ctx => All((IReadOnlyDictionary<string, object?>)ctx.Source!)))
            .Field("nodes", "[Node!]!", f => f.Resolve(ctx => All((IReadOnlyDictionary<string, object?>)ctx.Source!)))
            .Field("matrix", "[[Int]]")
            .Field("badState", "DoorState")
            .Field("big", "Int")
            .Field("ratio", "Float")
            .Field("strictMatrix", "[[Int!]!]")
            .Field("echoInt", "Int", f => f.Argument("value", "Int").Resolve(ctx => ctx.Arguments.GetValueOrDefault("value")))
            .Field("echoList", "[Int]", f => f.Argument("values", "[Int]").Resolve(ctx => ctx.Arguments.GetValueOrDefault("values")))
            .Field("echoInput", "String", f => f.Argument("input", "Filter").Resolve(ctx =>
                ctx.Arguments.GetValueOrDefault("input") is Dictionary<string, object?> input ? input.GetValueOrDefault("city") : null))
            .Field("broken", "String", f => f.Resolve(_ => throw new GraphQLException("boom"))))
        .Interface("Node", i => i.Field("id", "ID!").ResolveType(TypeName))
        .Object("Cabinet", t => t
            .Implements("Node")
            .Field("id", "ID!").Field("city", "String").Field("doorCount", "Int!").Field("revenue", "Float")
            .Field("tags", "[String]").Field("doors", "[Door!]!"))
        .Object("Door", t => t.Implements("Node").Field("id", "ID!").Field("number", "Int!").Field("state", "DoorState!").Field("label", "String!"))
        .Object("Site", t => t.Implements("Node").Field("id", "ID!").Field("name", "String!"))
        .Union("Thing", u => u.Types("Cabinet", "Door", "Site").ResolveType(TypeName))
        .Enum("DoorState", e => e.Value("OPEN").Value("CLOSED"))
        .InputObject("Filter", i => i.Field("city", "String"))
        .Build();

    private static string? TypeName(object value) => ((IReadOnlyDictionary<string, object?>)value)["__typename"] as string;

    private static List<object?> All(IReadOnlyDictionary<string, object?> root)
    {
        var cabinets = (List<object?>)root["cabinets"]!;
        var doors = cabinets.SelectMany(c => (List<object?>)((IReadOnlyDictionary<string, object?>)c!)["doors"]!);
        return [.. cabinets, .. doors, .. (List<object?>)root["sites"]!];
    }

    [Fact]
    public async Task the_query_corpus_is_dumped_for_the_graphql_js_execution_comparison()
    {
        var schema = BuildSchema();
        var executor = new Executor(schema);
        var root = Execution.JsonInput.Read(Data);
        var cases = new List<object>();
        for (var i = 0; i < Queries.Length; i++)
        {
            var result = await executor.ExecuteAsync(new ExecutionRequest { Query = Queries[i], Variables = Variables[i], RootValue = root });
            cases.Add(new { query = Queries[i], variables = Variables[i], result = JsonDocument.Parse(result.ToJson()).RootElement });
        }

        if (Environment.GetEnvironmentVariable("GRAPHQL_CONFORMANCE_DIR") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, "exec-cases.json"), JsonSerializer.Serialize(cases));
            await File.WriteAllTextAsync(Path.Combine(directory, "exec-schema.graphql"), schema.ToSdl());
            await File.WriteAllTextAsync(Path.Combine(directory, "exec-data.json"), Data);
        }
    }
}
