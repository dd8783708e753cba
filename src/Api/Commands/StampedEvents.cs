using System.Collections.Concurrent;
using System.Reflection;
using JasperFx.Events;

namespace Cabinets.Api.Commands;

/// <summary>
/// Wraps an event with its own metadata (actor, role, channel, correlation and causation ids), for
/// a session that writes the commands of several callers at once (ADR-0018). Marten keeps metadata
/// already on an event and fills only what is missing from the session.
/// </summary>
public static class StampedEvents
{
    private static readonly ConcurrentDictionary<Type, Func<object, IEvent>> Wrappers = new();
    private static readonly MethodInfo WrapOpen = typeof(StampedEvents).GetMethod(nameof(WrapTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static IEvent Stamp(object data, CommandContext context, string causationId)
    {
        var wrap = Wrappers.GetOrAdd(data.GetType(), t => WrapOpen.MakeGenericMethod(t).CreateDelegate<Func<object, IEvent>>());
        var e = wrap(data);
        e.UserName = context.Actor.Id;
        e.CorrelationId = context.CorrelationId ?? causationId;
        e.CausationId = context.CausationId ?? causationId;
        e.SetHeader("role", context.Actor.Role);
        e.SetHeader("channel", context.Actor.Channel);
        return e;
    }

    private static IEvent WrapTyped<T>(object data) where T : notnull => new Event<T>((T)data);
}
