using System.Reflection;

namespace Cabinets.Protocol.Tests;

/// <summary>STYLE.md layout: src/Protocol references neither ASP.NET Core nor a database.</summary>
public sealed class LayeringTests
{
    [Fact]
    public void the_protocol_assembly_references_only_the_bcl_and_newtonsoft()
    {
        var references = typeof(IbsCodec).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        references.ShouldNotContain(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        references.ShouldNotContain(name => name.Contains("Npgsql", StringComparison.Ordinal) || name.Contains("Cabinets.", StringComparison.Ordinal));
        references.ShouldContain("Newtonsoft.Json");
    }

    [Fact]
    public void the_public_surface_is_sealed_or_a_closed_family()
    {
        var open = typeof(IbsCodec).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !(t.IsAbstract && t.IsSealed))
            .Select(t => t.FullName)
            .ToList();
        open.ShouldBeEmpty();

        // Abstract bases are meant to be derived only here: every constructor is assembly-private,
        // except the copy constructor C# requires to be protected on a record that is not sealed.
        typeof(IbsCodec).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && t.IsAbstract && !t.IsSealed)
            .SelectMany(t => t.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(c => c.GetParameters() is not [var only] || only.ParameterType != t))
            .ShouldAllBe(c => c.IsAssembly || c.IsPrivate || c.IsFamilyAndAssembly);
    }
}
