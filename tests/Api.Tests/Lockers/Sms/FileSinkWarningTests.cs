using Cabinets.Api.Lockers.Sms;
using Cabinets.Api.Tests.Lockers.Parcels;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cabinets.Api.Tests.Lockers.Sms;

/// <summary>Outside Development the file sink is a mistake worth a warning: it writes pickup codes in clear.</summary>
public sealed class FileSinkWarningTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Cabinets.Api";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Fact]
    public async Task starting_with_the_file_sink_in_production_warns_without_naming_a_text()
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var warning = new FileSinkOutsideDevelopmentWarning(factory.CreateLogger<FileSinkOutsideDevelopmentWarning>(), new Environment("Production"));

        await warning.StartAsync(CancellationToken.None);

        logs.Lines.ShouldContain(l => l.StartsWith("Warning") && l.Contains("Production") && l.Contains("Sms__Provider=http"));
    }
}
