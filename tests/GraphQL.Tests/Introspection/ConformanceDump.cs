using Cabinets.GraphQL.Execution;

namespace Cabinets.GraphQL.Tests.Introspection;

/// <summary>
/// Writes our SDL and introspection result for the kitchen sink schema when
/// GRAPHQL_CONFORMANCE_DIR is set, for the Node conformance check (graphql-js buildClientSchema
/// + assertValidSchema + printSchema must reproduce our SDL).
/// </summary>
public sealed class ConformanceDump
{
    [Fact]
    public async Task the_kitchen_sink_schema_is_dumped_for_the_node_conformance_check()
    {
        var schema = KitchenSinkSchema.Build();
        var result = await new Executor(schema).ExecuteAsync(new ExecutionRequest { Query = IntrospectionQuery.Text });

        result.Errors.ShouldBeEmpty();
        if (Environment.GetEnvironmentVariable("GRAPHQL_CONFORMANCE_DIR") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, "introspection.json"), result.ToJson());
            await File.WriteAllTextAsync(Path.Combine(directory, "schema.graphql"), schema.ToSdl());
        }
    }
}

public static class IntrospectionQuery
{
    public static string Text { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Introspection", "IntrospectionQuery.graphql"));
}
