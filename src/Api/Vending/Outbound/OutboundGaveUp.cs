using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.ManualTasks;

namespace Cabinets.Api.Vending.Outbound;

/// <summary>
/// What happens when an outside call is given up (VENDING.md §4.3's table): the message's own
/// failure command (a session failed, a payment failed…) and, for its kind, a manual task holding
/// the message, so an admin can resend it with the same idempotency key. Both are commands through
/// the pipeline, so they are decided, recorded with the system as actor, and idempotent.
/// </summary>
public sealed class OutboundGaveUp(CommandSender commands, TimeProvider clock)
{
    private static readonly CommandContext System = new(Actor.System);

    public async Task ApplyAsync(IVendingOutbound message, int attempts, string lastError, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (message.GaveUp(lastError, now) is { } failure) await commands.SendAsync(failure, System, ct);
        if (message.TaskKind is { } kind) await commands.SendAsync(OpenTask(message, kind, attempts, lastError, now), System, ct);
    }

    public static OpenManualTask OpenTask(IVendingOutbound message, ManualTaskKind kind, int attempts, string lastError, DateTimeOffset now) =>
        new(TaskIdOf(message), kind, message.Subject, message.OrderNo, message.DeviceCode, message.StoreCode, attempts, lastError, message.Retryable,
            message.GetType().FullName, JsonSerializer.Serialize(message, message.GetType()), now);

    /// <summary>One task per outside call: its idempotency key names it, so the same call giving up twice opens one task.</summary>
    public static string TaskIdOf(IVendingOutbound message) => "T-" + message.IdempotencyKey;

    /// <summary>The message a task holds, as it was sent.</summary>
    public static IVendingOutbound? MessageOf(string? type, string? body) =>
        type is null || body is null || typeof(IVendingOutbound).Assembly.GetType(type) is not { } t || !typeof(IVendingOutbound).IsAssignableFrom(t)
            ? null
            : (IVendingOutbound?)JsonSerializer.Deserialize(body, t);
}
