using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.Reference;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;


namespace Cabinets.Api.Tests.Stations;

/// <summary>TAX.md §5 scenarios 1, 2 and 10: rules, their rate bounds and the overlap rule, through the station REST.</summary>
public sealed class TaxRuleScenarioTests(StationFixture api) : IClassFixture<StationFixture>, IAsyncLifetime
{
    private StationClient station = null!;

    public async Task InitializeAsync() => station = await api.ClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task scenarios_1_2_rule_create_and_rate_bounds()
    {
        var id = await station.RuleAsync(900001, "SPU-BOUNDS", "99.99");
        id.ShouldBeGreaterThan(0);
        foreach (var bad in new[] { "100", "-1", "abc", "12.345", "1e1" })
        {
            var answer = await station.PostAsync("/station/tax/tax_rule/create", new
            {
                tax_name = "坏", address = new[] { new { address_id = 900002, address_name = "店" } },
                spu = new[] { new { spu_id = "SPU-BAD", spu_name = "品", tax_rate = bad } },
            });
            answer.GetProperty("code").GetInt32().ShouldBe(1001, bad);
            answer.GetProperty("data").GetProperty("field").GetString().ShouldBe("spu[0].tax_rate");
        }
        var edit = await station.PostAsync("/station/tax/tax_rule/edit", new
        {
            tax_id = id, address = new[] { new { address_id = 900001, address_name = "店" } },
            spu = new[] { new { spu_id = "SPU-BOUNDS", spu_name = "品", tax_rate = "100" } },
        });
        edit.GetProperty("code").GetInt32().ShouldBe(1001);
    }

    [Fact]
    public async Task scenario_10_overlap_is_refused_with_the_conflicting_pairs()
    {
        var first = await station.RuleAsync(217824, "SPU-OVERLAP", "10");
        var second = await station.PostAsync("/station/tax/tax_rule/create", new
        {
            tax_name = "second", address = new[] { new { address_id = 217824, address_name = "店" } },
            spu = new[] { new { spu_id = "SPU-OVERLAP", spu_name = "品", tax_rate = "20" } },
        });
        second.GetProperty("code").GetInt32().ShouldBe(1003);
        var conflict = second.GetProperty("data")[0];
        conflict.GetProperty("address_id").GetInt32().ShouldBe(217824);
        conflict.GetProperty("spu_id").GetString().ShouldBe("SPU-OVERLAP");
        conflict.GetProperty("tax_id").GetInt32().ShouldBe(first);
        var invalid = await station.RuleAsync(217824, "SPU-OVERLAP", "20", status: 0);
        var revalidate = await station.PostAsync("/station/tax/tax_rule/edit", new
        {
            tax_id = invalid, status = 1, address = new[] { new { address_id = 217824, address_name = "店" } },
            spu = new[] { new { spu_id = "SPU-OVERLAP", spu_name = "品", tax_rate = "20" } },
        });
        revalidate.GetProperty("code").GetInt32().ShouldBe(1003);
    }
}
