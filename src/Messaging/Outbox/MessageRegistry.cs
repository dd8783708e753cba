using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Messaging.Outbox;

/// <summary>One message type: its stored name, destination, retry policy and receiver.</summary>
internal sealed class MessageRoute(string name, Type type, string destination, RetryPolicy? retry)
{
    public string Name { get; } = name;
    public Type Type { get; } = type;
    public string Destination { get; } = destination;
    public RetryPolicy? Retry { get; } = retry;
    public Func<IServiceProvider, object, MessageContext, CancellationToken, Task>? Handler { get; set; }
}

/// <summary>
/// What can be sent through the outbox, to which destination, with which retry policy, and who
/// receives it. Configure at start-up, before the first command or dispatch; read-only afterwards.
/// </summary>
public sealed class MessageRegistry
{
    private readonly Dictionary<Type, MessageRoute> _byType = [];
    private readonly Dictionary<string, MessageRoute> _byName = new(StringComparer.Ordinal);

    /// <summary>The policy of message types registered without one.</summary>
    public RetryPolicy DefaultRetry { get; set; } = RetryPolicy.Default;

    /// <summary>Registers <typeparamref name="T"/> under a stable stored <paramref name="name"/> (never the CLR name).</summary>
    public MessageRegistry Register<T>(string name, string destination, RetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        if (_byName.TryGetValue(name, out var existing) && existing.Type != typeof(T))
            throw new InvalidOperationException($"message name '{name}' is already used by {existing.Type.Name}");
        var route = new MessageRoute(name, typeof(T), destination, retry);
        _byType[typeof(T)] = route;
        _byName[name] = route;
        return this;
    }

    /// <summary>Receives <typeparamref name="T"/> with a delegate (tests, simple adapters).</summary>
    public MessageRegistry Handle<T>(Func<T, MessageContext, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        RouteOf(typeof(T)).Handler = (_, message, context, ct) => handler((T)message, context, ct);
        return this;
    }

    /// <summary>Receives <typeparamref name="T"/> with <typeparamref name="THandler"/>, resolved per delivery from a fresh DI scope.</summary>
    public MessageRegistry Handle<T, THandler>() where THandler : IMessageHandler<T>
    {
        RouteOf(typeof(T)).Handler = (services, message, context, ct) =>
            services.GetRequiredService<THandler>().HandleAsync((T)message, context, ct);
        return this;
    }

    public RetryPolicy RetryOf(string name) => _byName.TryGetValue(name, out var r) ? r.Retry ?? DefaultRetry : DefaultRetry;

    internal MessageRoute RouteOf(Type type) => _byType.TryGetValue(type, out var route)
        ? route
        : throw new InvalidOperationException($"message type {type.FullName} is not registered: give it a stored name and a destination");

    internal MessageRoute? RouteOf(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The stored names this process can deliver: a dispatcher claims only these.</summary>
    internal string[] HandledNames() => _byName.Values.Where(r => r.Handler is not null).Select(r => r.Name).ToArray();
}
