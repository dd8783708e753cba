using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Bench;

/// <summary>
/// In-process request handling: parse + validate + execute + serialize to JSON. "Cached" runs
/// with the executor's document cache (the production path); "Uncached" parses and validates
/// every time.
/// </summary>
[MemoryDiagnoser]
public class ExecutionBenchmarks
{
    private const string ThreeFields = "{ serialNumber city doorCount }";

    private static readonly string Introspection =
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "IntrospectionQuery.graphql"));

    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);
    private Utf8JsonWriter _writer = null!;
    private Executor _cached = null!;
    private Executor _uncached = null!;

    [GlobalSetup]
    public void Setup()
    {
        var schema = BenchSchema.Build();
        _cached = new Executor(schema);
        _uncached = new Executor(schema, new ExecutorOptions { DocumentCacheSize = 0 });
        _writer = new Utf8JsonWriter(_buffer);
    }

    [Benchmark]
    public int ThreeFieldQuery_Cached() => Run(_cached, ThreeFields);

    [Benchmark]
    public int ThreeFieldQuery_Uncached() => Run(_uncached, ThreeFields);

    [Benchmark]
    public int IntrospectionQuery_Cached() => Run(_cached, Introspection);

    [Benchmark]
    public int IntrospectionQuery_Uncached() => Run(_uncached, Introspection);

    [Benchmark]
    public object ParseIntrospectionQuery() => Parser.Parse(Introspection);

    /// <summary>Executes and writes the response as UTF-8 JSON into a reused buffer, as the HTTP layer does.</summary>
    private int Run(Executor executor, string query)
    {
        var task = executor.ExecuteAsync(new ExecutionRequest { Query = query });
        var result = task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
        _buffer.ResetWrittenCount();
        _writer.Reset();
        result.WriteTo(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }
}

/// <summary>A schema the size of one Api module: a few object types, an enum, an input and arguments.</summary>
public static class BenchSchema
{
    public static Schema Build() => new SchemaBuilder()
        .Query(q => q
            .Field("serialNumber", "String!", _ => "C-001")
            .Field("city", "String", _ => "Shanghai")
            .Field("doorCount", "Int!", _ => 24)
            .Field("cabinets", "[Cabinet!]!", f => f
                .Argument("first", "Int", a => a.DefaultValue(10))
                .Argument("filter", "CabinetFilter")
                .Resolve(_ => Array.Empty<object>())))
        .Object("Cabinet", t => t
            .Description("A locker cabinet.")
            .Field("serialNumber", "String!")
            .Field("doors", "[Door!]!")
            .Field("revenue", "Long!", f => f.RequirePermissions("finance:read"))
            .Field("installedAt", "DateTime"))
        .Object("Door", t => t.Field("number", "Int!").Field("state", "DoorState!").Field("size", "Decimal"))
        .Enum("DoorState", e => e.Value("OPEN").Value("CLOSED").Value("BROKEN", deprecationReason: "Use OUT_OF_ORDER").Value("OUT_OF_ORDER"))
        .InputObject("CabinetFilter", i => i.Field("city", "String").Field("states", "[DoorState!]"))
        .Build();
}
