using Marten;
using Wolverine;

namespace Cabinets.Api.Commands;

/// <summary>The envelope headers a command's context travels in, and the middleware that puts them on the session.</summary>
public static class CommandHeaders
{
    public const string ActorId = "actor-id";
    public const string ActorRole = "actor-role";
    public const string ActorChannel = "actor-channel";
    public const string Correlation = "correlation-id";
    public const string Causation = "causation-id";

    public static void Write(IDictionary<string, string?> headers, CommandContext context)
    {
        headers[ActorId] = context.Actor.Id;
        headers[ActorRole] = context.Actor.Role;
        headers[ActorChannel] = context.Actor.Channel;
        if (context.CorrelationId is not null) headers[Correlation] = context.CorrelationId;
        if (context.CausationId is not null) headers[Causation] = context.CausationId;
    }

    /// <summary>
    /// Wolverine middleware on every domain command: the actor and ids become the metadata of
    /// every event the handler appends. Causation defaults to the command's envelope id.
    /// </summary>
    public static void Before(Envelope envelope, IDocumentSession session)
    {
        var headers = envelope.Headers;
        session.LastModifiedBy = headers.GetValueOrDefault(ActorId) ?? Actor.System.Id;
        session.SetHeader("role", headers.GetValueOrDefault(ActorRole) ?? Actor.System.Role);
        session.SetHeader("channel", headers.GetValueOrDefault(ActorChannel) ?? Actor.System.Channel);
        session.CorrelationId = headers.GetValueOrDefault(Correlation) ?? envelope.CorrelationId ?? envelope.Id.ToString();
        session.CausationId = headers.GetValueOrDefault(Causation) ?? envelope.Id.ToString();
    }
}
