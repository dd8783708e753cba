using Cabinets.Domain.Lockers.Cabinets;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Runtime;

namespace Cabinets.Api.Tests.Platform;

/// <summary>
/// The Wolverine handler code in `src/Api/Internal/Generated` is current: every handler of ours
/// loads its pre-generated type from the Api assembly instead of compiling with Roslyn on its
/// first message (ADR-0017: the first IBS frame in well under 200 ms).
/// </summary>
public sealed class GeneratedCodeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public void every_handler_of_ours_runs_pre_generated_code()
    {
        var graph = ((WolverineRuntime)api.Services.GetRequiredService<IWolverineRuntime>()).Handlers;
        var ours = graph.Chains
            .Where(c => c.MessageType.Assembly == typeof(Program).Assembly || c.MessageType.Assembly == typeof(CabinetCommand).Assembly)
            .ToList();
        ours.ShouldNotBeEmpty();

        var compiledAtRunTime = ours
            .Where(c => graph.HandlerFor(c.MessageType)!.GetType().Assembly != typeof(Program).Assembly)
            .Select(c => c.MessageType.Name)
            .ToList();

        compiledAtRunTime.ShouldBeEmpty(
            "stale pre-generated handlers: delete src/Api/Internal/Generated and run `Wolverine__WriteGeneratedCode=true dotnet test tests/Api.Tests`");
    }
}
