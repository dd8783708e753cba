using Cabinets.Api.GraphQL;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Api.Tests.Lockers;
using Cabinets.Projections.Lockers.FreeDoors;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cabinets.Api.Tests.Conformance;

/// <summary>
/// /graphql checked by code we did not write: graphql-http's audit, graphql-js reading our
/// introspection, and graphql-js answering the same documents (tests/GraphQL.Conformance, ADR-0009).
/// </summary>
public sealed class GraphQLConformanceTests(ListeningApi api, ITestOutputHelper output) : IClassFixture<ListeningApi>
{
    [Fact]
    public async Task the_graphql_over_http_audit_finds_no_must_failure_and_no_unexplained_should_failure()
    {
        var result = await RunAsync("audit.js");
        result.Output.ShouldContain(" 0 failing");
    }

    [Fact]
    public async Task graphql_js_reads_our_introspection_back_as_our_sdl()
    {
        var result = await RunAsync("introspection.js");
        result.Output.ShouldContain("printSchema identical");
    }

    [Fact]
    public async Task graphql_js_and_our_server_answer_the_differential_corpus_alike()
    {
        using var admin = await api.AdminAsync();
        await BankWithDoorsAsync(admin, "CONF-0001", "一号园", doors: 4);
        await BankWithDoorsAsync(admin, "CONF-0002", "二号园", doors: 2);

        var result = await RunAsync("differential.js");
        result.Output.ShouldContain(" 0 mismatched");
    }

    private async Task<NodeScripts.Result> RunAsync(string script)
    {
        using var admin = await api.AdminAsync();
        var sdl = Path.Combine(Path.GetTempPath(), $"cabinets-schema-{Guid.NewGuid():N}.graphql");
        await File.WriteAllTextAsync(sdl, GraphQLModule.BuildSchema().ToSdl());
        try
        {
            var result = await NodeScripts.RunAsync(script, new Dictionary<string, string>
            {
                ["GRAPHQL_URL"] = new Uri(api.BaseAddress, "/graphql").ToString(),
                ["GRAPHQL_TOKEN"] = admin.DefaultRequestHeaders.Authorization!.Parameter!,
                ["GRAPHQL_SDL"] = sdl,
            });
            output.WriteLine(result.Output);
            result.ExitCode.ShouldBe(0, $"node {script} failed:\n{result.Output}");
            return result;
        }
        finally
        {
            File.Delete(sdl);
        }
    }

    private async Task BankWithDoorsAsync(HttpClient admin, string serial, string place, int doors)
    {
        var provisioned = await admin.PostGraphQLAsync("""
            mutation($serial: String!, $place: String!) {
              provisionCabinet(input: {serialNumber: $serial, site: {province: "广东省", city: "深圳市", area: "南山区",
                                       street: "粤海街道", place: $place, communityName: "阳光小区", addressNote: "东门"}}) { serialNumber }
            }
            """, new { serial, place });
        provisioned.Errors.ShouldBeEmpty();
        var firmware = new IbsClient(api.Http());
        (await firmware.SendAsync("insert_locker_info", new[] { new { type = "快递柜", locker_info = new[] { new { category = "M", create_date = "2026-01-01", series_number = serial } } } })).Code.ShouldBe(0);
        (await firmware.SendAsync("insert_single_info", Enumerable.Range(1, doors).Select(d => new { series_number = serial, single_code = $"0,{d},{(d % 2 == 0 ? 72 : 32)}" }).ToArray())).Code.ShouldBe(0);
        (await firmware.SendAsync("insert_single_status", new[] { new { series_number = serial, single_code = "1,1" } })).Code.ShouldBe(0);
        await api.CaughtUpAsync();
    }
}
