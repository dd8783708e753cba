using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cabinets.Api.Vending.Ports;

/// <summary>One vending port answered by its file adapter (`{Section}__Provider` = `file`, or unset).</summary>
internal sealed record FilePortInUse(string Section);

/// <summary>
/// The ports fall back to their file adapters when `__Provider` is unset, so that the server starts
/// anywhere without credentials (VENDING.md §4.3). Outside Development that is never what a
/// deployment wants (the file WeChat adapter even reports every complete as paid), so the start says
/// so loudly, naming each port, like the SMS file sink does.
/// </summary>
internal sealed partial class FilePortWarning(IEnumerable<FilePortInUse> ports, IHostEnvironment env, ILogger<FilePortWarning> log) : IHostedService
{
    public static void Register(IServiceCollection services, string section)
    {
        services.AddSingleton(new FilePortInUse(section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FilePortWarning>());
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var sections = ports.Select(p => p.Section).Distinct().ToList();
        if (!env.IsDevelopment() && sections.Count > 0) Warn(log, env.EnvironmentName, string.Join(", ", sections));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Vending ports on their file adapters in environment {Environment}: {Sections}. Their calls are journalled to .data/outbound and answered as successes (the file WeChat Pay reports every complete as paid). Set each __Provider=http with its base URL and credentials for a deployment")]
    private static partial void Warn(ILogger logger, string environment, string sections);
}
