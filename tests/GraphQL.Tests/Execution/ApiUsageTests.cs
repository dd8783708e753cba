using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Tests.Execution;

/// <summary>The README's way of declaring a module, compiled and run.</summary>
public sealed class ApiUsageTests
{
    private sealed record Site(string Code, string Name);

    private sealed class Services
    {
        public int SiteBatches;

        public Task<Cabinet?> FindAsync(string serial) => Task.FromResult(TestSchema.Cabinets.FirstOrDefault(c => c.SerialNumber == serial));

        public async Task<IReadOnlyDictionary<string, Site>> LoadSitesAsync(IReadOnlyList<string> cities, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref SiteBatches);
            await Task.Delay(1, cancellationToken);
            return cities.ToDictionary(c => c, c => new Site(c[..2].ToUpperInvariant(), c + " depot"));
        }
    }

    private static SchemaBuilder CabinetsModule(SchemaBuilder schema) => schema
        .Query(q => q
            .Field("cabinet", "Cabinet", f => f
                .Argument("serialNumber", "String!")
                .ResolveAsync(async ctx => await ((Services)ctx.UserContext!).FindAsync(ctx.Argument<string>("serialNumber"))))
            .Field("cabinets", "[Cabinet!]!", _ => TestSchema.Cabinets))
        .Object<Cabinet>("Cabinet", t => t
            .Field("serialNumber", "String!", c => c.SerialNumber)
            .Field("site", "Site!", f => f.ResolveAsync(async ctx =>
            {
                var services = (Services)ctx.UserContext!;
                return await ctx.DataLoader<string, Site>("siteByCity", services.LoadSitesAsync).LoadAsync(ctx.Source.City);
            })))
        .Object<Site>("Site", t => t.Field("code", "String!", s => s.Code).Field("name", "String!", s => s.Name));

    private static SchemaBuilder DoorsModule(SchemaBuilder schema) => schema
        .Query(q => q.Field("doorStates", "[DoorState!]!", _ => Enum.GetValues<DoorState>()))
        .Enum<DoorState>();

    [Fact]
    public async Task modules_compose_into_one_schema_and_loaders_batch_across_parents()
    {
        var schema = DoorsModule(CabinetsModule(new SchemaBuilder())).Build();
        var services = new Services();
        var executor = new Executor(schema);

        var result = await executor.ExecuteAsync(new ExecutionRequest
        {
            Query = """{ cabinets { serialNumber site { code name } } one: cabinet(serialNumber: "C-002") { site { code } } doorStates }""",
            Context = services,
        });

        result.ToJson().ShouldBe("""{"data":{"cabinets":[{"serialNumber":"C-001","site":{"code":"SH","name":"Shanghai depot"}},{"serialNumber":"C-002","site":{"code":"BE","name":"Beijing depot"}}],"one":{"site":{"code":"BE"}},"doorStates":["CLOSED","OPEN","OUT_OF_ORDER"]}}""");
        services.SiteBatches.ShouldBe(1);
        schema.QueryType.Fields.Select(f => f.Name).ShouldBe(["cabinet", "cabinets", "doorStates"]);
    }
}
