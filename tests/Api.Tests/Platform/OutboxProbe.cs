using System.Collections.Concurrent;
using Cabinets.Api.Commands;
using Marten;
using Wolverine;

namespace Cabinets.Api.Tests.Platform;

/// <summary>A document the sending handler writes in the same transaction as its outgoing message.</summary>
public sealed class OutboxProbe
{
    public string Id { get; set; } = "";
}

/// <summary>Writes a probe and cascades a push; <see cref="FailAfterSending"/> rolls the whole transaction back.</summary>
public sealed record SaveAndPush(string Id, bool FailAfterSending, int ReceiverFailures);

/// <summary>The message an outside system would receive (a vendor or ERP push in the vending module).</summary>
public sealed record PushToVendor(string Id, int ReceiverFailures);

public static class SaveAndPushHandler
{
    public static async Task Handle(SaveAndPush command, IDocumentSession session, IMessageContext messages)
    {
        session.Store(new OutboxProbe { Id = command.Id });
        await messages.PublishAsync(new PushToVendor(command.Id, command.ReceiverFailures));
        if (command.FailAfterSending) throw new InvalidOperationException("the handler failed after it sent: nothing may leave");
    }
}

public static class PushToVendorHandler
{
    public static async Task Handle(PushToVendor message, IQuerySession session, VendorRecorder vendor)
    {
        var committed = await session.LoadAsync<OutboxProbe>(message.Id) is not null;
        if (vendor.Attempt(message.Id) <= message.ReceiverFailures && !vendor.Recovered(message.Id))
            throw new ExternalServiceException("vendor", "503 Service Unavailable");
        vendor.Delivered(message.Id, committed);
    }
}

/// <summary>What the fake vendor saw: attempts per message, and deliveries with whether the sender's write was committed by then.</summary>
public sealed class VendorRecorder
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _delivered = new();
    private readonly ConcurrentDictionary<string, int> _deliveries = new();
    private readonly ConcurrentDictionary<string, bool> _recovered = new();

    public int Attempt(string id) => _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);

    public int Attempts(string id) => _attempts.GetValueOrDefault(id);

    public int Deliveries(string id) => _deliveries.GetValueOrDefault(id);

    public void Recover(string id) => _recovered[id] = true;

    public bool Recovered(string id) => _recovered.ContainsKey(id);

    public void Delivered(string id, bool committed)
    {
        _deliveries.AddOrUpdate(id, 1, (_, n) => n + 1);
        Completion(id).TrySetResult(committed);
    }

    public Task<bool> DeliveredAsync(string id) => Completion(id).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private TaskCompletionSource<bool> Completion(string id) =>
        _delivered.GetOrAdd(id, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
}
