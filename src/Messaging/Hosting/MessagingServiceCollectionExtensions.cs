using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cabinets.Messaging.Hosting;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the command pipeline's runtime, the outbox writer, dispatcher and admin. Expects an
    /// <see cref="NpgsqlDataSource"/> and a <c>PostgresEventStore</c> to be registered; uses the
    /// registered <see cref="TimeProvider"/> or the system clock.
    /// </summary>
    public static MessagingBuilder AddMessaging(this IServiceCollection services,
        Action<OutboxOptions>? outbox = null, Action<CommandOptions>? commands = null)
    {
        var registry = new MessageRegistry();
        var outboxOptions = new OutboxOptions();
        outbox?.Invoke(outboxOptions);
        var commandOptions = new CommandOptions();
        commands?.Invoke(commandOptions);

        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging(); // idempotent; lets workers and tests use the module without a host
        services.AddSingleton(registry);
        services.AddSingleton(outboxOptions);
        services.AddSingleton(commandOptions);
        services.AddSingleton(sp => new OutboxWriter(sp.GetRequiredService<NpgsqlDataSource>(), registry, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CommandRuntime(sp.GetRequiredService<EventStore.PostgresEventStore>(),
            sp.GetRequiredService<OutboxWriter>(), commandOptions, sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp => new OutboxDispatcher(sp.GetRequiredService<NpgsqlDataSource>(), registry,
            sp.GetRequiredService<TimeProvider>(), outboxOptions, sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetService<ILogger<OutboxDispatcher>>()));
        services.AddSingleton(sp => new OutboxAdmin(sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<OutboxAdmin>>()));
        return new MessagingBuilder(services, registry);
    }
}

/// <summary>Declares commands, validators, message types, receivers and the dispatcher service of a module.</summary>
public sealed class MessagingBuilder(IServiceCollection services, MessageRegistry registry)
{
    public IServiceCollection Services => services;

    /// <summary>Makes <see cref="CommandPipeline{TCommand, TAnswer}"/> injectable for <paramref name="handler"/>'s command.</summary>
    public MessagingBuilder AddCommand<TCommand, TAnswer>(CommandHandler<TCommand, TAnswer> handler)
    {
        services.AddSingleton(handler);
        services.AddSingleton<CommandPipeline<TCommand, TAnswer>>();
        return this;
    }

    /// <summary>Registers a FluentValidation validator (there is no FluentValidation DI package here).</summary>
    public MessagingBuilder AddValidator<TCommand, TValidator>() where TValidator : class, FluentValidation.IValidator<TCommand>
    {
        services.AddSingleton<FluentValidation.IValidator<TCommand>, TValidator>();
        return this;
    }

    /// <summary>Registers a message type with its stored name, destination and retry policy (default: <see cref="MessageRegistry.DefaultRetry"/>).</summary>
    public MessagingBuilder AddMessage<T>(string name, string destination, RetryPolicy? retry = null)
    {
        registry.Register<T>(name, destination, retry);
        return this;
    }

    /// <summary>Delivers <typeparamref name="T"/> with <typeparamref name="THandler"/>, created in a DI scope per delivery.</summary>
    public MessagingBuilder AddHandler<T, THandler>() where THandler : class, IMessageHandler<T>
    {
        services.TryAddScoped<THandler>();
        registry.Handle<T, THandler>();
        return this;
    }

    public MessagingBuilder DefaultRetry(RetryPolicy policy)
    {
        registry.DefaultRetry = policy;
        return this;
    }

    /// <summary>Runs the dispatcher in this process as a hosted service (the Api; workers may run it alone).</summary>
    public MessagingBuilder AddDispatcherService()
    {
        services.AddHostedService<OutboxDispatcherService>();
        return this;
    }
}
