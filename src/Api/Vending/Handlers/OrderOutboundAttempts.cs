using Cabinets.Api.Vending.Outbound;
using Cabinets.Api.Vending.Ports;
using Cabinets.Domain.Vending;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>The attempts `retryManualTask` resends for the session and order messages: the same functions their handlers call.</summary>
internal static class OrderOutboundAttemptRegistrations
{
    public static IServiceCollection AddOrderOutboundAttempts(this IServiceCollection services) => services
        .AddOutboundAttempt<VendorOpenDoor>((m, sp, s, msgs, ct) => VendorOpenDoorHandler.AttemptAsync(m, sp.GetRequiredService<IVendorGateway>(), s, msgs, sp.GetRequiredService<TimeProvider>(), ct))
        .AddOutboundAttempt<PayScoreCancelOrder>((m, sp, s, ct) => PayScoreCancelOrderHandler.AttemptAsync(m, sp.GetRequiredService<IWeChatPayScore>(), s, sp.GetRequiredService<TimeProvider>(), ct))
        .AddOutboundAttempt<PayScoreModifyOrder>((m, sp, s, ct) => PayScoreModifyOrderHandler.AttemptAsync(m, sp.GetRequiredService<IWeChatPayScore>(), s, sp.GetRequiredService<TimeProvider>(), ct))
        .AddOutboundAttempt<WeChatRefund>((m, sp, s, msgs, ct) => WeChatRefundHandler.AttemptAsync(m, sp.GetRequiredService<IWeChatRefunds>(), s, msgs, sp.GetRequiredService<TimeProvider>(), ct));
}
