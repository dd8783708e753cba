using System.Reflection;

namespace Cabinets.Api.Tests;

/// <summary>The layering of STYLE.md, pinned: who may reference whom.</summary>
public sealed class ArchitectureTests
{
    private static Assembly Load(string name) => Assembly.Load(name);

    private static string[] ReferencesOf(string assembly) =>
        Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    private static bool IsBcl(string name) => name is "System.Runtime" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal);

    [Fact]
    public void the_domain_references_nothing_but_the_bcl()
    {
        ReferencesOf("Cabinets.Domain").Where(n => !IsBcl(n)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Cabinets.Protocol")]
    [InlineData("Cabinets.GraphQL")]
    public void the_protocol_and_the_graphql_engine_reference_neither_aspnet_nor_a_database(string assembly)
    {
        var refs = ReferencesOf(assembly);
        refs.ShouldNotContain(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        refs.ShouldNotContain(n => n.StartsWith("Npgsql", StringComparison.Ordinal));
        refs.ShouldNotContain(n => n.StartsWith("Cabinets.", StringComparison.Ordinal));
    }

    [Fact]
    public void the_graphql_engine_references_only_the_bcl()
    {
        ReferencesOf("Cabinets.GraphQL").Where(n => !IsBcl(n)).ShouldBeEmpty();
    }

    [Fact]
    public void read_models_do_not_reach_into_the_api_or_the_transports()
    {
        var refs = ReferencesOf("Cabinets.Projections");
        refs.ShouldNotContain("Cabinets.Api");
        refs.ShouldNotContain("Cabinets.Protocol");
        refs.ShouldNotContain("Cabinets.GraphQL");
    }

    [Theory]
    [InlineData("Cabinets.Protocol")]
    [InlineData("Cabinets.GraphQL")]
    [InlineData("Cabinets.Domain")]
    public void the_domain_the_protocol_and_the_graphql_engine_know_nothing_of_marten_or_wolverine(string assembly)
    {
        ReferencesOf(assembly).ShouldNotContain(n => n.StartsWith("Marten", StringComparison.Ordinal)
            || n.StartsWith("Wolverine", StringComparison.Ordinal) || n.StartsWith("JasperFx", StringComparison.Ordinal));
    }

    [Fact]
    public void the_api_stores_and_sends_through_marten_and_wolverine_only()
    {
        var refs = ReferencesOf("Cabinets.Api");
        refs.ShouldContain("Marten");
        refs.ShouldContain("Wolverine");
        refs.ShouldNotContain("Cabinets.EventStore");
        refs.ShouldNotContain("Cabinets.Messaging");
    }

    [Fact]
    public void every_domain_event_has_a_stored_name()
    {
        var domain = Load("Cabinets.Domain");
        var eventInterfaces = domain.GetTypes().Where(t => t.IsInterface && t.Name.EndsWith("Event", StringComparison.Ordinal)).ToList();
        var events = domain.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && eventInterfaces.Any(i => i.IsAssignableFrom(t))).ToList();
        var named = domain.GetTypes()
            .Where(t => t.Name.EndsWith("EventNames", StringComparison.Ordinal))
            .SelectMany(t => (IEnumerable<(Type Type, string Name, int Version)>)t.GetProperty("All")!.GetValue(null)!)
            .Select(x => x.Type).ToHashSet();

        events.ShouldNotBeEmpty();
        events.Where(e => !named.Contains(e)).ShouldBeEmpty();
        named.ShouldContain(typeof(Cabinets.Domain.Operations.ProjectionRetryRequested));
    }
}
