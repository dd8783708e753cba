using System.Net;
using System.Text.Json;
using Cabinets.Api.Tests.Lockers.Parcels;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Api.Operations;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Cabinets.Api.Tests.Observability;

/// <summary>A stall threshold of 30 s on the test's clock; the sampler stays out of the way.</summary>
public class StallFixture : ParcelFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Health:DaemonStallSeconds"] = "30",
        ["Health:SampleSeconds"] = "3600",
    };

    /// <summary>`/health/ready`: its status code and JSON.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync()
    {
        using var http = Http();
        using var response = await http.GetAsync("/health/ready");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public static JsonElement Projection(JsonElement body, string name) =>
        body.GetProperty("projections").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);
}

/// <summary>The same, with Wolverine in Solo durability (no node assignment tables).</summary>
public sealed class SoloStallFixture : StallFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings) { ["Wolverine:Durability"] = "Solo" };
}

/// <summary>`/health/ready` fails, visibly, when the async daemon is stalled (issue 13 §3; ADR-0027).</summary>
public sealed class ReadinessTests(StallFixture api) : IClassFixture<StallFixture>
{
    [Fact]
    public void the_watch_covers_every_async_projection_of_the_store()
    {
        var options = (StoreOptions)api.Services.GetRequiredService<IDocumentStore>().Options;
        var registered = options.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Async).Select(p => p.Name).ToList();
        ProjectionStatuses.AsyncProjections.ShouldBe(registered, ignoreOrder: true);
    }

    [Fact]
    public async Task ready_turns_503_degraded_while_a_projection_is_held_behind_past_the_threshold_and_recovers_after()
    {
        await api.InstallAsync("IBSH0000001", ParcelFixture.SiteAt("园区H1"), "0,1,32");
        var (status, body) = await api.ReadyAsync();
        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("status").GetString().ShouldBe("ready");

        // A transaction left open on the projection's progress row keeps the daemon from committing
        // its next batch (and, being open, may hold the high-water mark too: CRITTER.md §1): the
        // projection stays where it is while a new event waits.
        await using var holder = new NpgsqlConnection(api.ConnectionString);
        await holder.OpenAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("select 1 from mt_event_progression where name = 'free_doors:All' for update", holder, tx))
            (await hold.ExecuteScalarAsync()).ShouldBe(1);
        await api.SendAsync(new ProvisionCabinet("IBSH0000002", ParcelFixture.SiteAt("园区H2"), api.Clock.GetUtcNow()));

        for (var look = 0; look < 200 && status == HttpStatusCode.OK; look++)
        {
            api.Clock.Advance(TimeSpan.FromSeconds(31)); // the test's clock: no waiting for the threshold
            (status, body) = await api.ReadyAsync();
        }

        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("status").GetString().ShouldBe("degraded");
        body.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ShouldContain(r => r!.StartsWith("projection free_doors is ", StringComparison.Ordinal));
        var freeDoors = StallFixture.Projection(body, "free_doors");
        freeDoors.GetProperty("stalled").GetBoolean().ShouldBeTrue();
        freeDoors.GetProperty("lagEvents").GetInt64().ShouldBeGreaterThan(0);

        await tx.RollbackAsync();
        await api.CaughtUpAsync();
        (status, body) = await api.ReadyAsync();
        status.ShouldBe(HttpStatusCode.OK);
        StallFixture.Projection(body, "free_doors").GetProperty("lagEvents").GetInt64().ShouldBe(0);
    }
}

/// <summary>A projection whose agent an operator paused through Wolverine: STOPPED, and unready past the threshold.</summary>
public sealed class StoppedProjectionTests(StallFixture api) : IClassFixture<StallFixture>
{
    [Fact]
    public async Task ready_turns_503_degraded_while_a_projection_stays_stopped_and_recovers_when_it_runs_again()
    {
        await api.InstallAsync("IBSH0000004", ParcelFixture.SiteAt("园区H4"), "0,1,32");
        var agents = api.Services.GetRequiredService<IWolverineRuntime>().Agents;
        var freeDoors = await RunningAgentAsync(agents, "/free_doors/");
        var pause = new AgentRestrictions();
        pause.PauseAgent(freeDoors);
        await agents.ApplyRestrictionsAsync(pause, CancellationToken.None);

        var (status, body) = await api.ReadyAsync();
        for (var look = 0; look < 200 && status == HttpStatusCode.OK; look++)
        {
            api.Clock.Advance(TimeSpan.FromSeconds(31));
            (status, body) = await api.ReadyAsync();
        }

        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("status").GetString().ShouldBe("degraded");
        StallFixture.Projection(body, "free_doors").GetProperty("state").GetString().ShouldBe("STOPPED");
        body.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())
            .ShouldContain(r => r!.StartsWith("projection free_doors is STOPPED", StringComparison.Ordinal));

        var resume = new AgentRestrictions([new AgentRestriction(Guid.NewGuid(), freeDoors, AgentRestrictionType.None, 0)]);
        await agents.ApplyRestrictionsAsync(resume, CancellationToken.None);
        await RunningAgentAsync(agents, "/free_doors/");
        for (var look = 0; look < 200 && status != HttpStatusCode.OK; look++)
        {
            await Task.Delay(50); // the node records its assignment shortly after the agent starts
            (status, _) = await api.ReadyAsync();
        }
        status.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The agent's URI once this node runs it (the leader assigns agents shortly after start).</summary>
    private static async Task<Uri> RunningAgentAsync(IAgentRuntime agents, string part)
    {
        for (var i = 0; i < 600; i++)
        {
            if (agents.AllRunningAgentUris().FirstOrDefault(u => u.ToString().Contains(part, StringComparison.Ordinal)) is { } uri) return uri;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no agent {part} runs on this node");
    }
}

/// <summary>Solo nodes run every agent themselves: no assignment row is no reason to call a projection STOPPED.</summary>
public sealed class SoloReadinessTests(SoloStallFixture api) : IClassFixture<SoloStallFixture>
{
    [Fact]
    public async Task a_solo_node_with_its_projections_running_stays_ready_past_the_threshold()
    {
        await api.InstallAsync("IBSH0000003", ParcelFixture.SiteAt("园区H3"), "0,1,32");
        await api.ReadyAsync();
        api.Clock.Advance(TimeSpan.FromMinutes(10));

        var (status, body) = await api.ReadyAsync();

        status.ShouldBe(HttpStatusCode.OK);
        StallFixture.Projection(body, "free_doors").GetProperty("state").GetString().ShouldBe("RUNNING");
    }
}
