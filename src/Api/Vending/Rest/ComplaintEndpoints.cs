using Cabinets.Api.Commands;
using Cabinets.Api.Vending.Handlers;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Complaints;
using Cabinets.Projections.Vending.Complaints;
using Marten;

namespace Cabinets.Api.Vending.Rest;

/// <summary>
/// A user's complaints in the mini-program (VENDING.md §2.9, §4.5): filed on one of their own
/// orders (201; 409 `complaint-open` while one is open, `complaint-window-closed` after 30 days),
/// and listed newest first.
/// </summary>
internal static class ComplaintEndpoints
{
    public static RouteGroupBuilder MapComplaints(this RouteGroupBuilder user)
    {
        user.MapPost("/orders/{orderNo}/complaints", FileAsync).Idempotent();
        user.MapGet("/complaints", ListAsync);
        return user;
    }

    private sealed record FileRequest(string? Category, string? Content, List<string>? ImageUrls);

    private static async Task<IResult> FileAsync(HttpContext http, string orderNo, FileRequest? request, CommandSender commands, TimeProvider clock, CancellationToken ct)
    {
        var category = Enum.GetValues<ComplaintCategory>().Cast<ComplaintCategory?>().FirstOrDefault(c => MiniProgramEndpoints.Upper(c!.Value) == request?.Category);
        if (category is null)
            return VendingProblems.Invalid(new Dictionary<string, List<string>> { ["category"] = ["must be one of " + string.Join(", ", Enum.GetValues<ComplaintCategory>().Select(c => MiniProgramEndpoints.Upper(c)))] });
        var userId = MiniProgramEndpoints.UserOf(http);
        var outcome = await commands.SendAsync(new FileComplaintCommand(userId, orderNo, category.Value, request!.Content ?? "", request.ImageUrls ?? [], clock.GetUtcNow()),
            MiniProgramEndpoints.Context(userId), ct);
        return outcome switch
        {
            CommandOutcome.Accepted { Answer: ComplaintState c } => Results.Json(View(c), statusCode: 201),
            CommandOutcome.Rejected { Error.Code: "not-found" } r => VendingProblems.Of(404, "not-found", "Not found", r.Error.Message),
            CommandOutcome.Rejected { Error.Code: ComplaintDecider.Errors.Validation } r =>
                VendingProblems.Invalid(new Dictionary<string, List<string>> { [r.Error.Field ?? "body"] = [r.Error.Message] }),
            CommandOutcome.Rejected r => VendingProblems.Of(409, r.Error.Code, "Conflict", r.Error.Message),
            _ => VendingProblems.Of(409, "concurrent-change", "Conflict", "try again"),
        };
    }

    private static async Task<IResult> ListAsync(HttpContext http, IDocumentStore store, int? first, string? after, CancellationToken ct)
    {
        var size = Math.Clamp(first ?? 20, 1, 50);
        await using var session = store.QuerySession();
        var userId = MiniProgramEndpoints.UserOf(http);
        var query = session.Query<ComplaintSnapshot>().Where(c => c.UserId == userId);
        if (after is { Length: > 0 }) query = query.Where(c => string.Compare(c.Id, VendingEventNames.Complaint(after)) < 0);
        var page = await query.OrderByDescending(c => c.Id).Take(size + 1).ToListAsync(ct);
        return Results.Json(new { items = page.Take(size).Select(c => View(c.State!)), nextCursor = page.Count > size ? page[size - 1].State!.ComplaintId : null });
    }

    /// <summary>§4.5's `Complaint`.</summary>
    internal static object View(ComplaintState c) => new
    {
        c.ComplaintId, c.OrderNo, category = MiniProgramEndpoints.Upper(c.Category), c.Content, c.ImageUrls, status = MiniProgramEndpoints.Upper(c.Status),
        resolution = c.Resolution is { } r ? MiniProgramEndpoints.Upper(r) : null, c.Reply, c.FiledAt, c.ResolvedAt,
    };
}
