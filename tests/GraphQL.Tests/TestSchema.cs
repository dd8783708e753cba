using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Tests;

public enum DoorState
{
    Closed,
    Open,
    OutOfOrder,
}

public sealed record Door(int Number, DoorState State, string CabinetSerial);

public sealed record Cabinet(string SerialNumber, string City, long RevenueFen, IReadOnlyList<Door> Doors);

/// <summary>A small locker domain: cabinets with doors, an interface, a union and a mutation.</summary>
public static class TestSchema
{
    public static readonly Cabinet[] Cabinets =
    [
        new("C-001", "Shanghai", 125_00, [new Door(1, DoorState.Closed, "C-001"), new Door(2, DoorState.Open, "C-001")]),
        new("C-002", "Beijing", 99_00, [new Door(1, DoorState.OutOfOrder, "C-002")]),
    ];

    public static SchemaBuilder Builder() => new SchemaBuilder()
        .Query(q => q
            .Field("cabinets", "[Cabinet!]!", _ => Cabinets)
            .Field("cabinet", "Cabinet", f => f
                .Argument("serialNumber", "String!")
                .Resolve(ctx => Cabinets.FirstOrDefault(c => c.SerialNumber == ctx.Argument<string>("serialNumber"))))
            .Field("search", "[SearchResult!]!", f => f
                .Argument("text", "String", a => a.DefaultValue(""))
                .Resolve(ctx => Cabinets.Cast<object>().Concat(Cabinets.SelectMany(c => c.Doors)).ToList()))
            .Field("node", "Node", f => f
                .Argument("id", "ID!")
                .Resolve(ctx => Cabinets.FirstOrDefault(c => c.SerialNumber == ctx.Argument<string>("id")))))
        .Interface("Node", i => i.Field("id", "ID!"))
        .Object<Cabinet>("Cabinet", t => t
            .Description("A locker cabinet installed at a site.")
            .Implements("Node")
            .Field("id", "ID!", c => c.SerialNumber)
            .Field("serialNumber", "String!", c => c.SerialNumber)
            .Field("city", "String", c => c.City)
            .Field("revenue", "Long!", f => f.RequirePermissions("finance:read").ResolveFromSource(c => c.RevenueFen))
            .Field("doors", "[Door!]!", f => f
                .Argument("state", "DoorState")
                .Resolve(ctx => ctx.HasArgument("state") && ctx.Arguments["state"] is DoorState state
                    ? ctx.Source.Doors.Where(d => d.State == state).ToList()
                    : ctx.Source.Doors)))
        .Object<Door>("Door", t => t
            .Field("number", "Int!", d => d.Number)
            .Field("state", "DoorState!", d => d.State)
            .Field("label", "String!", f => f.Resolve(ctx => ctx.Source.Number == 2 ? null : $"#{ctx.Source.Number}")))
        .Union("SearchResult", u => u.Types("Cabinet", "Door"))
        .Enum<DoorState>()
        .Mutation(m => m
            .Field("openDoor", "Door", f => f
                .Argument("cabinet", "String!")
                .Argument("number", "Int!")
                .Resolve(ctx => Cabinets.First(c => c.SerialNumber == ctx.Argument<string>("cabinet")).Doors
                    .FirstOrDefault(d => d.Number == ctx.Argument<int>("number")))));

    public static Schema Build() => Builder().Build();

    public static async Task<ExecutionResult> Run(
        string query,
        IReadOnlyDictionary<string, object?>? variables = null,
        ExecutorOptions? options = null,
        Schema? schema = null)
    {
        var executor = new Executor(schema ?? Build(), options);
        return await executor.ExecuteAsync(new ExecutionRequest { Query = query, Variables = variables });
    }
}
