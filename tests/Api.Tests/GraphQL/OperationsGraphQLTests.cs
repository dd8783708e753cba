using System.Net.Http.Json;
using Cabinets.Api.Access;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Operations;
using Cabinets.Api.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.GraphQL;

public sealed class OperationsGraphQLTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task admins_see_projections_and_dead_letters()
    {
        using var admin = await api.AdminAsync();
        await api.CaughtUpAsync();
        GraphQLClient.Response response;
        System.Text.Json.JsonElement freeDoors;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do // the leader assigns the projection's agent to a node shortly after start
        {
            response = await admin.PostGraphQLAsync("{ projections { name state lagEvents ownerNode } deadLetters { id } }");
            response.Errors.ShouldBeEmpty();
            freeDoors = response.Data.GetProperty("projections").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "free_doors");
        }
        while (freeDoors.GetProperty("state").GetString() != "RUNNING" && DateTime.UtcNow < deadline);

        freeDoors.GetProperty("state").GetString().ShouldBe("RUNNING");
        freeDoors.GetProperty("ownerNode").GetString().ShouldNotBeNullOrEmpty();
        response.Data.GetProperty("deadLetters").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task an_admin_action_is_recorded_with_its_actor_before_it_is_carried_out()
    {
        using var admin = await api.AdminAsync();
        var response = await admin.PostGraphQLAsync("mutation { replayDeadLetter(id: \"6f1c1d9e-0000-4000-8000-000000000000\") }");

        response.Errors.ShouldBeEmpty();
        response.Data.GetProperty("replayDeadLetter").GetBoolean().ShouldBeFalse();
        var log = await api.StreamAsync(OperatorActions.StreamId(DateTimeOffset.UtcNow));
        log.Select(e => e.Data.GetType()).ShouldContain(typeof(DeadLetterRequeueRequested));
        log.ShouldAllBe(e => e.UserName == "admin" && e.Headers!["channel"].ToString() == "graphql");
    }

    [Fact]
    public async Task an_auditor_may_read_cabinets_but_not_operate_the_platform()
    {
        var hasher = api.Services.GetRequiredService<PasswordHasher>();
        (await api.SendAsync(new CreateAdminUser("auditor1", hasher.Hash("an auditor's long password"), ["auditor"], DateTimeOffset.UtcNow)))
            .ShouldBeOfType<CommandOutcome.Accepted>();
        using var http = api.Http();
        var login = await http.PostAsJsonAsync("/api/auth/login", new { username = "auditor1", password = "an auditor's long password" });
        var token = (await login.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["token"].ToString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var read = await http.PostGraphQLAsync("{ freeDoorCount }");
        read.Errors.ShouldBeEmpty();
        read.Data.GetProperty("freeDoorCount").GetInt32().ShouldBeGreaterThanOrEqualTo(0);

        // a non-null root field that is denied makes the whole data null (spec 6.4.4)
        var response = await http.PostGraphQLAsync("{ projections { name } }");
        response.Body.GetProperty("data").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var error = response.Errors.Single();
        error.GetProperty("path")[0].GetString().ShouldBe("projections");
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("FORBIDDEN");
    }
}
