using Cabinets.Api.Access;
using Cabinets.Api.Hosting.Embedded;

namespace Cabinets.Api.Cli;

/// <summary>
/// `dotnet run --project src/Api -- &lt;verb&gt; …`: the app starts (Marten applies its schema, Wolverine
/// joins as a node), the verb runs against its services, then the app stops. It serves no HTTP,
/// logs only warnings and errors, and logs them to stderr, so stdout carries only the verb's output.
/// </summary>
internal static class CliHost
{
    public static bool IsInvoked(string[] args) => args is ["admin" or "audit" or "projections", ..];

    public static void Configure(WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
        });
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.StartAsync();
        if (args[0] == "admin") return await AdminCli.RunAsync(app, args);
        try
        {
            return await CliCommands.RunAsync(app.Services, args, Console.Out, Console.Error,
                app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        }
        finally
        {
            await app.StopAsync();
            if (app.Services.GetService<EmbeddedPostgres>() is { } embedded) await embedded.DisposeAsync();
        }
    }
}
