using Cabinets.Domain.Vending.Orders;

namespace Cabinets.Domain.Vending.Complaints;

public sealed record ComplaintState(string ComplaintId, string OrderNo, string UserId, ComplaintCategory Category, string Content, IReadOnlyList<string> ImageUrls,
    string StoreCode, ComplaintStatus Status, ComplaintResolution? Resolution, string? Reply, string? CorrectionId, DateTimeOffset FiledAt, DateTimeOffset? ResolvedAt)
{
    public static ComplaintState? Evolve(ComplaintState? s, object e) => e switch
    {
        ComplaintFiled f => new(f.ComplaintId, f.OrderNo, f.UserId, f.Category, f.Content, f.ImageUrls, f.StoreCode, ComplaintStatus.Open, null, null, null, f.At, null),
        ComplaintResolved r when s is not null => s with { Status = ComplaintStatus.Resolved, Resolution = r.Resolution, Reply = r.Reply, CorrectionId = r.CorrectionId, ResolvedAt = r.At },
        _ => s,
    };
}

public sealed record FileComplaint(string ComplaintId, VendingOrderState Order, string UserId, ComplaintCategory Category, string Content,
    IReadOnlyList<string> ImageUrls, bool OrderHasOpenComplaint, DateTimeOffset Now);

/// <summary>
/// Complaints (VENDING.md §1.9, §2.9): a user's own order, within 30 days of the order, one open
/// complaint per order; resolved once, by a reply or by a correction (多退少补 settles the money).
/// </summary>
public static class ComplaintDecider
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static class Errors
    {
        public const string Open = "complaint-open";
        public const string WindowClosed = "complaint-window-closed";
        public const string Resolved = "COMPLAINT_RESOLVED";
        public const string CorrectionRequired = "CORRECTION_REQUIRED";
        public const string Validation = "VALIDATION";
    }

    public static VendingEffects File(FileComplaint c)
    {
        if (c.Content.Trim().Length is 0 or > 500) return VendingEffects.Rejected(Errors.Validation, "1-500 characters", "content");
        if (c.ImageUrls.Count > 3) return VendingEffects.Rejected(Errors.Validation, "at most 3 images", "imageUrls");
        for (var i = 0; i < c.ImageUrls.Count; i++)
            if (!Uri.TryCreate(c.ImageUrls[i], UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || c.ImageUrls[i].Length > 500)
                return VendingEffects.Rejected(Errors.Validation, "an https URL", $"imageUrls[{i}]");
        if (c.OrderHasOpenComplaint) return VendingEffects.Rejected(Errors.Open, $"order {c.Order.OrderNo} has an open complaint");
        if (c.Now - c.Order.OrderTime > Window) return VendingEffects.Rejected(Errors.WindowClosed, "complaints are filed within 30 days of the order");
        var filed = new ComplaintFiled(c.ComplaintId, c.Order.OrderNo, c.UserId, c.Category, c.Content.Trim(), c.ImageUrls, c.Order.StoreCode, c.Now);
        return new VendingEffects().Start(VendingEventNames.Complaint(c.ComplaintId), filed)
            .Append(VendingEventNames.Order(c.Order.OrderNo), new OrderComplaintFiled(c.Order.OrderNo, c.ComplaintId, c.Now))
            .AnswerWith(ComplaintState.Evolve(null, filed)!);
    }

    /// <summary>The checks of a resolution before any correction runs: still open, a reply, a correction exactly when CORRECTED.</summary>
    public static Deciding.DomainError? CanResolve(ComplaintState complaint, ComplaintResolution resolution, string reply, bool withCorrection, string? correctionOrderNo)
    {
        if (complaint.Status == ComplaintStatus.Resolved) return new(Errors.Resolved, $"complaint {complaint.ComplaintId} is resolved", "complaintId");
        if (reply.Trim().Length is 0 or > 500) return new(Errors.Validation, "1-500 characters", "reply");
        if (resolution == ComplaintResolution.Corrected && !withCorrection) return new(Errors.CorrectionRequired, "CORRECTED needs the correction", "correction");
        if (resolution == ComplaintResolution.Replied && withCorrection) return new(Errors.Validation, "REPLIED carries no correction", "correction");
        if (withCorrection && correctionOrderNo != complaint.OrderNo) return new(Errors.Validation, $"the correction must be of order {complaint.OrderNo}", "correction.orderNo");
        return null;
    }

    public static ComplaintResolved Resolved(ComplaintState complaint, ComplaintResolution resolution, string reply, string? correctionId, DateTimeOffset now) =>
        new(complaint.ComplaintId, resolution, reply.Trim(), correctionId, now);
}
