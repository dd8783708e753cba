namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// Hands the file adapter's synthetic USER_PAID to the notification handler, in a scope of its own,
/// as the callback endpoint would. A failure is tried again a few times (WeChat resends too), then
/// logged by type and notification id only.
/// </summary>
internal sealed partial class FileUserPaidDelivery(IServiceProvider services, ILogger logger)
{
    private const int Attempts = 3;

    public async Task DeliverAsync(PayScoreUserPaid paid, TimeSpan delay)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            await Task.Delay(delay * attempt);
            try
            {
                await using var scope = services.CreateAsyncScope();
                if (scope.ServiceProvider.GetService<IWeChatNotificationHandler>() is not { } handler) return;
                await handler.HandleAsync(paid, CancellationToken.None);
                return;
            }
            catch (ObjectDisposedException)
            {
                return; // the host stopped while we waited
            }
            catch (Exception e)
            {
                if (attempt == Attempts) Failed(logger, paid.Id, paid.OutOrderNo, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "The file WeChat adapter's USER_PAID {NotificationId} for {OutOrderNo} was not handled: {Error}")]
    private static partial void Failed(ILogger logger, string notificationId, string outOrderNo, string error);
}
