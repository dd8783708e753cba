using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Api.PersonalData;
using Cabinets.Api.Vending.Handlers;
using Cabinets.Api.Vending.Ports;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Sessions;
using Cabinets.Domain.Vending.Users;
using Cabinets.Projections.Vending.Orders;
using Cabinets.Projections.Vending.Sessions;
using Cabinets.Projections.Vending.Users;
using Marten;

namespace Cabinets.Api.Vending.Rest;

/// <summary>How a WeChat user is recognised and sealed (ADR-0025's per-person keys): by keyed hashes, never the clear openid or phone.</summary>
public static class AppLogin
{
    public static string OpenIdIdentifier(string openId) => "wechat-openid:" + openId;
    public static string PhoneIdentifier(string phone) => "phone:" + phone;
    public static string PersonIdentifier(string userId) => "vending-user:" + userId;
}

/// <summary>
/// The mini-program REST of VENDING.md §4.5: login, the user's own data, scan, sessions, orders and
/// pay-again. A user sees only their own sessions and orders (another's is 404). JSON is camelCase;
/// errors are problem+json with the codes of §4.5.
/// </summary>
internal static class MiniProgramEndpoints
{
    public static IEndpointRouteBuilder MapMiniProgram(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/app/login", LoginAsync);
        var user = app.MapGroup("/api/app").AddEndpointFilter(async (ctx, next) =>
        {
            var tokens = ctx.HttpContext.RequestServices.GetRequiredService<AppTokens>();
            if (await tokens.UserOfAsync(ctx.HttpContext) is not { } userId)
                return VendingProblems.Of(401, "unauthorized", "Unauthorized", "a valid user token is required (POST /api/app/login)");
            ctx.HttpContext.Items[typeof(AppTokens)] = userId;
            return await next(ctx);
        }).RequireRateLimiting(Observability.RateLimits.AppPolicy); // per user token (RateLimits)
        user.MapGet("/me", MeAsync);
        user.MapPost("/payscore/authorization", AuthorizePayScoreAsync);
        user.MapGet("/scan", ScanAsync);
        user.MapPost("/sessions", StartSessionAsync).Idempotent();
        user.MapGet("/sessions/{sessionNo}", SessionAsync);
        user.MapGet("/orders", OrdersAsync);
        user.MapGet("/orders/{orderNo}", OrderAsync);
        user.MapPost("/orders/{orderNo}/pay-again", PayAgainAsync).Idempotent();
        user.MapComplaints();
        return app;
    }

    internal static string UserOf(HttpContext http) => (string)http.Items[typeof(AppTokens)]!;

    internal static CommandContext Context(string userId) => new(new Actor(userId, "vending-user", "mini-program"));

    private sealed record LoginRequest(string? Code, string? PhoneCode);

    private static async Task<IResult> LoginAsync(LoginRequest? request, IWeChatMiniProgram wechat, PersonalDataVault vault, IDocumentStore store,
        VendingNumbers numbers, CommandSender commands, AppTokens tokens, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.Code)) return VendingProblems.Invalid(new Dictionary<string, List<string>> { ["code"] = ["is required"] });
        string openId;
        try
        {
            openId = await wechat.OpenIdAsync(request.Code, ct);
        }
        catch (Exception e) when (e is ExternalRejectedException or ExternalServiceException)
        {
            return VendingProblems.Of(401, "wechat-login-failed", "WeChat login failed", "WeChat did not accept this code");
        }
        var openIdHash = await vault.SubjectOfAsync(AppLogin.OpenIdIdentifier(openId), ct);
        await using var query = store.QuerySession();
        var user = (await query.Query<VendingUserSnapshot>().Where(u => u.OpenIdHash == openIdHash).FirstOrDefaultAsync(ct))?.State;
        if (user is null)
        {
            if (string.IsNullOrWhiteSpace(request.PhoneCode)) return VendingProblems.Of(422, "phone-required", "Phone required", "the first login needs phoneCode");
            string phone;
            try
            {
                phone = await wechat.PhoneNumberAsync(request.PhoneCode, ct);
            }
            catch (Exception e) when (e is ExternalRejectedException or ExternalServiceException)
            {
                return VendingProblems.Of(401, "wechat-login-failed", "WeChat login failed", "WeChat did not give the phone number");
            }
            var userId = await numbers.UserAsync(ct);
            var sealedValues = await vault.ProtectAllAsync(AppLogin.PersonIdentifier(userId), [openId, phone], ct);
            var outcome = await commands.SendAsync(new RegisterVendingUser(userId, sealedValues[0], openIdHash, sealedValues[1],
                await vault.SubjectOfAsync(AppLogin.PhoneIdentifier(phone), ct), null, clock.GetUtcNow()), Context(userId), ct);
            if (outcome is not CommandOutcome.Accepted) return VendingProblems.Of(500, "unexpected", "Unexpected", "the user was not registered");
            await using var again = store.QuerySession();
            user = (await again.LoadAsync<VendingUserSnapshot>(VendingEventNames.User(userId), ct))!.State!;
        }
        var (token, expiresAt) = await tokens.IssueAsync(user.UserId, ct);
        return Results.Json(new { token, expiresAt, user = new { user.UserId, phoneMasked = PhoneMask.Masked(await vault.RevealAsync(user.SealedPhone, ct)), user.TicketBalance, user.PayScoreAuthorized } });
    }

    private static async Task<IResult> MeAsync(HttpContext http, IDocumentStore store, PersonalDataVault vault, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var user = (await session.LoadAsync<VendingUserSnapshot>(VendingEventNames.User(UserOf(http)), ct))?.State;
        if (user is null) return VendingProblems.Of(404, "not-found", "Not found", "no such user");
        return Results.Json(new
        {
            user.UserId, user.Username, phoneMasked = PhoneMask.Masked(await vault.RevealAsync(user.SealedPhone, ct)), user.TicketBalance, user.PayScoreAuthorized,
            blockingOrderNos = await VendingLookups.UnpaidOrderNosAsync(session, user.UserId, ct),
        });
    }

    /// <summary>授权支付分 (§2.2): our authorization code recorded, WeChat's token for `wx.openBusinessView`; WeChat's callback later opens the service.</summary>
    private static async Task<IResult> AuthorizePayScoreAsync(HttpContext http, IWeChatPayScore wechat, VendingNumbers numbers, CommandSender commands, TimeProvider clock, CancellationToken ct)
    {
        var userId = UserOf(http);
        var code = await numbers.AuthorizationAsync(ct);
        if (await commands.SendAsync(new RequestPayScoreAuthorization(userId, code, clock.GetUtcNow()), Context(userId), ct) is not CommandOutcome.Accepted)
            return VendingProblems.Of(404, "not-found", "Not found", "no such user");
        try
        {
            var token = await wechat.RequestPermissionAsync(code, ct);
            return Results.Json(new { businessType = "wxpayScoreEnable", extraData = new { apply_permissions_token = token } });
        }
        catch (Exception e) when (e is ExternalRejectedException or ExternalServiceException)
        {
            return VendingProblems.Of(502, "wechat-unavailable", "WeChat unavailable", "WeChat did not give an authorization token; try again");
        }
    }

    private static async Task<IResult> ScanAsync(HttpContext http, string? qrCode, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var user = (await session.LoadAsync<VendingUserSnapshot>(VendingEventNames.User(UserOf(http)), ct))?.State;
        if (user is null) return VendingProblems.Of(404, "not-found", "Not found", "no such user");
        if (string.IsNullOrWhiteSpace(qrCode) || await VendingLookups.DeviceByQrAsync(session, qrCode, ct) is not { } found)
            return VendingProblems.Of(404, "unknown-qr-code", "Unknown QR code", "no device has this QR code");
        var verdict = VendingSessionDecider.Check(new ScanContext(user, found.Device, found.Store, await VendingLookups.UnpaidOrderNosAsync(session, user.UserId, ct),
            await VendingLookups.LatestSessionAsync(session, user.UserId, ct), clock.GetUtcNow()));
        return Results.Json(new
        {
            found.Device.DeviceCode, found.Store.StoreCode, found.Store.StoreName, storeType = Upper(found.Store.StoreType), user.TicketBalance,
            verdict.BlockedReason, blockingOrderNos = verdict.BlockingOrderNos,
            paymentOptions = verdict.PaymentOptions.Select(o => new { paymentType = Upper(o.PaymentType), o.Available, o.UnavailableReason }),
        });
    }

    private sealed record StartRequest(string? QrCode, string? PaymentType);

    private static async Task<IResult> StartSessionAsync(HttpContext http, StartRequest? request, CommandSender commands, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        if (string.IsNullOrWhiteSpace(request?.QrCode)) errors["qrCode"] = ["is required"];
        if (PaymentTypeOf(request?.PaymentType) is not { } type) errors["paymentType"] = ["must be WECHAT or TICKETS"];
        else if (errors.Count == 0)
        {
            var userId = UserOf(http);
            var outcome = await commands.SendAsync(new StartSession(userId, request!.QrCode!, type, clock.GetUtcNow()), Context(userId), ct);
            return outcome switch
            {
                CommandOutcome.Accepted { Answer: SessionStartedAnswer a } => Results.Json(new
                    { a.SessionNo, status = Upper(a.Status), a.DeviceCode, paymentType = Upper(a.PaymentType), a.ExpiresAt }, statusCode: 202),
                CommandOutcome.Rejected { Error.Code: "unknown-qr-code" } r => VendingProblems.Of(404, r.Error.Code, "Unknown QR code", r.Error.Message),
                CommandOutcome.Rejected r => VendingProblems.Of(409, r.Error.Code, "Conflict", r.Error.Message, Extensions(r.Error.Details)),
                _ => VendingProblems.Of(409, "concurrent-change", "Conflict", "try again"),
            };
        }
        return VendingProblems.Invalid(errors);
    }

    private static async Task<IResult> SessionAsync(HttpContext http, string sessionNo, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var s = (await session.LoadAsync<VendingSessionSnapshot>(VendingEventNames.Session(sessionNo), ct))?.State;
        if (s is null || s.UserId != UserOf(http)) return VendingProblems.Of(404, "not-found", "Not found", $"no session {sessionNo}");
        return Results.Json(new
        {
            s.SessionNo, status = Upper(s.Status), failureReason = s.FailureReason is { } f ? Upper(f) : null, s.DeviceCode, paymentType = Upper(s.PaymentType),
            s.CreatedAt, s.OpenedAt, s.OrderNo,
        });
    }

    private static async Task<IResult> OrdersAsync(HttpContext http, IDocumentStore store, int? first, string? after, string? paymentStatus, CancellationToken ct)
    {
        var size = Math.Clamp(first ?? 20, 1, 50);
        await using var session = store.QuerySession();
        var userId = UserOf(http);
        var query = session.Query<VendingOrderSnapshot>().Where(o => o.UserId == userId);
        if (PaymentStatusOf(paymentStatus) is { } status) query = query.Where(o => o.PaymentStatus == status.ToString());
        if (after is { Length: > 0 }) query = query.Where(o => string.Compare(o.OrderNo, after) < 0);
        var page = await query.OrderByDescending(o => o.OrderNo).Take(size + 1).ToListAsync(ct);
        var items = page.Take(size).Select(o => Summary(o.State!)).ToList();
        return Results.Json(new { items, nextCursor = page.Count > size ? page[size - 1].OrderNo : null });
    }

    private static async Task<IResult> OrderAsync(HttpContext http, string orderNo, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var o = (await session.LoadAsync<VendingOrderSnapshot>(VendingEventNames.Order(orderNo), ct))?.State;
        if (o is null || o.UserId != UserOf(http)) return VendingProblems.Of(404, "not-found", "Not found", $"no order {orderNo}");
        var complaint = await session.Query<Projections.Vending.Complaints.ComplaintSnapshot>().Where(c => c.OrderNo == orderNo)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct); // the latest: the open one while there is one
        return Results.Json(new
        {
            summary = Summary(o),
            items = o.Items.Select(i => new { i.ProductCode, i.ProductName, i.Quantity, i.UnitPrice, i.Amount }),
            payments = o.Payments.Select(p => new { p.PaymentNo, paymentType = Upper(p.PaymentType), p.Amount, p.Tickets, status = Upper(p.Status), p.SucceededAt }),
            refunds = o.Refunds.Select(r => new { r.RefundNo, method = Upper(r.Method), r.Amount, r.Tickets, status = Upper(r.Status), r.SucceededAt }),
            supplementaryOrderNos = o.SupplementaryOrderNos,
            complaint = complaint?.State is { } c ? ComplaintEndpoints.View(c) : null,
        });
    }

    private sealed record PayAgainRequest(string? PaymentType);

    private static async Task<IResult> PayAgainAsync(HttpContext http, string orderNo, PayAgainRequest? request, IDocumentStore store, CommandSender commands,
        IWeChatPayScore wechat, TimeProvider clock, CancellationToken ct)
    {
        VendingPaymentType? type = null;
        if (request?.PaymentType is { } requested && (type = PaymentTypeOf(requested)) is null)
            return VendingProblems.Invalid(new Dictionary<string, List<string>> { ["paymentType"] = ["must be WECHAT or TICKETS"] });
        await using (var session = store.QuerySession())
        {
            var o = (await session.LoadAsync<VendingOrderSnapshot>(VendingEventNames.Order(orderNo), ct))?.State;
            if (o is null || o.UserId != UserOf(http)) return VendingProblems.Of(404, "not-found", "Not found", $"no order {orderNo}");
        }
        var userId = UserOf(http);
        var outcome = await commands.SendAsync(new PayAgainCommand(userId, orderNo, type, clock.GetUtcNow()), Context(userId), ct);
        return outcome switch
        {
            CommandOutcome.Accepted { Answer: PayAgainAnswer a } when a.Status == VendingPaymentStatus.Paid => Results.Json(new { a.PaymentNo, status = "PAID" }),
            CommandOutcome.Accepted { Answer: PayAgainAnswer a } => Results.Json(new
            {
                a.PaymentNo, status = "PAYING",
                wechat = a.ServiceOrderToPay is { } outOrderNo ? new { businessType = "wxpayScoreDetail", extraData = wechat.PayScoreDetailExtraData(outOrderNo, clock.GetUtcNow()) } : null,
            }, statusCode: 202),
            CommandOutcome.Rejected r => VendingProblems.Of(409, r.Error.Code, "Conflict", r.Error.Message),
            _ => VendingProblems.Of(409, "concurrent-change", "Conflict", "try again"),
        };
    }

    internal static object Summary(VendingOrderState o) => new
    {
        o.OrderNo, orderType = Upper(o.OrderType), o.RelatedOrderNo, o.DeviceCode, o.StoreCode, o.OrderTime, o.TotalAmount, paymentType = Upper(o.PaymentType),
        paymentStatus = Upper(o.PaymentStatus), failureReason = o.FailureReason is { } f ? Upper(f) : null, o.TicketsPaid, o.RefundedAmount,
        canPayAgain = o.PaymentStatus == VendingPaymentStatus.Failed,
        canComplain = o.OrderType != VendingOrderType.Supplementary,
    };

    private static Dictionary<string, object?>? Extensions(object? details) =>
        details is null ? null : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(details));

    /// <summary>`AwaitingReview` → `AWAITING_REVIEW`: the contract's enum spelling.</summary>
    internal static string Upper<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static VendingPaymentType? PaymentTypeOf(string? value) => value switch { "WECHAT" => VendingPaymentType.Wechat, "TICKETS" => VendingPaymentType.Tickets, _ => null };

    private static VendingPaymentStatus? PaymentStatusOf(string? value) =>
        Enum.GetValues<VendingPaymentStatus>().Cast<VendingPaymentStatus?>().FirstOrDefault(s => Upper(s!.Value) == value);
}
