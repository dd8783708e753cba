using Cabinets.Api.Lockers.Sms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace Cabinets.Api.Tests.Lockers.Sms;

/// <summary>`Sms__*`: the file sink when nothing is set, and a start that stops on a setting it cannot serve.</summary>
public sealed class SmsSettingsTests
{
    private static IServiceCollection Add(params (string Key, string Value)[] settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection().AddSingleton(TimeProvider.System);
        return services.AddSms(config, new HostingEnvironment { ContentRootPath = "/srv/cabinets" });
    }

    [Fact]
    public void with_nothing_configured_texts_go_to_the_file_sink_under_the_content_root()
    {
        var gateway = Add().BuildServiceProvider().GetRequiredService<ISmsGateway>();
        gateway.ShouldBeOfType<FileSmsGateway>().Path.ShouldBe("/srv/cabinets/.data/sms-outbox.jsonl");
    }

    [Fact]
    public void the_http_provider_sends_through_the_gateway_adapter()
    {
        var gateway = Add(("Sms:Provider", "http"), ("Sms:Gateway:Url", "http://127.0.0.1:9/sms")).BuildServiceProvider().GetRequiredService<ISmsGateway>();
        gateway.ShouldBeOfType<HttpSmsGateway>();
    }

    [Fact]
    public void the_http_provider_without_a_gateway_url_stops_the_start() =>
        Should.Throw<InvalidOperationException>(() => Add(("Sms:Provider", "http"))).Message.ShouldContain("Sms:Gateway:Url");

    [Fact]
    public void an_unknown_provider_stops_the_start() =>
        Should.Throw<InvalidOperationException>(() => Add(("Sms:Provider", "pigeon"))).Message.ShouldContain("pigeon");
}
