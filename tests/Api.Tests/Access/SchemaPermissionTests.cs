using System.Text.Json;
using Cabinets.Api.GraphQL;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Domain.Access;
using Cabinets.GraphQL.Types;
using Npgsql;

namespace Cabinets.Api.Tests.Access;

/// <summary>
/// The whole admin schema, walked: no mutation exists without a required permission, and each one
/// called anonymously, or by a user who lacks its permission, is refused before it writes (ADR-0026).
/// </summary>
public sealed class SchemaPermissionTests(AccessFixture api) : IClassFixture<AccessFixture>
{
    private static readonly Schema Schema = GraphQLModule.BuildSchema();

    private static IReadOnlyList<FieldDefinition> Mutations => Schema.MutationType.ShouldNotBeNull().Fields;

    [Fact]
    public void every_mutation_field_of_the_schema_requires_a_permission_the_model_knows()
    {
        Mutations.Count.ShouldBeGreaterThan(10);
        Mutations.Select(m => m.Name).ShouldContain("createAdminUser");
        Mutations.Where(m => m.RequiredPermissions.Count == 0).Select(m => m.Name).ShouldBeEmpty("mutations anyone may call");
        var known = Permissions.All.Append(Permissions.Self).ToHashSet();
        Mutations.SelectMany(m => m.RequiredPermissions.Where(p => !known.Contains(p)).Select(p => $"{m.Name}: {p}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_anonymous_call_to_each_mutation_is_refused_and_appends_nothing()
    {
        using var anonymous = api.Http();
        var before = await LastPositionAsync();
        foreach (var mutation in Mutations) await ShouldBeForbidden(anonymous, mutation);
        (await LastPositionAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task a_signed_in_user_lacking_a_mutations_permission_is_refused_on_each_of_them()
    {
        await api.CreateUserAsync("audrey", Roles.Auditor);
        using var auditor = await api.SignInAsync("audrey");
        var held = Roles.PermissionsOf([Roles.Auditor]).Append(Permissions.Self).ToHashSet();
        var refused = Mutations.Where(m => !m.RequiredPermissions.All(held.Contains)).ToList();
        refused.Count.ShouldBe(Mutations.Count(m => m.RequiredPermissions.Any(p => p != Permissions.Self)));

        var before = await LastPositionAsync();
        foreach (var mutation in refused) await ShouldBeForbidden(auditor, mutation);
        (await LastPositionAsync()).ShouldBe(before);
    }

    private static async Task ShouldBeForbidden(HttpClient http, FieldDefinition mutation)
    {
        var document = MutationLiterals.Document(mutation);
        var response = await http.PostGraphQLAsync(document);
        response.Status.ShouldBe(200, document + " → " + response.Body);
        var errors = response.Errors;
        errors.ShouldHaveSingleItem(document + " → " + response.Body);
        errors[0].Code().ShouldBe("FORBIDDEN", document);
        errors[0].GetProperty("path")[0].GetString().ShouldBe(mutation.Name);
        if (response.Body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            data.GetProperty(mutation.Name).ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private async Task<long> LastPositionAsync()
    {
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        return (long)(await db.CreateCommand("select coalesce(max(seq_id), 0) from public.mt_events").ExecuteScalarAsync())!;
    }
}
