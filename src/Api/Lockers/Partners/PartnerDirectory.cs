using Cabinets.Domain.Lockers.Partners;
using Cabinets.Projections.Lockers.Partners;
using Marten;

namespace Cabinets.Api.Lockers.Partners;

/// <summary>A partner as other modules see it: no secret, no code.</summary>
public sealed record PartnerView(string PartnerId, string Name, bool Disabled, DateTimeOffset RegisteredAt)
{
    public static PartnerView Of(PartnerSnapshot s) => new(s.PartnerId, s.Name, s.Disabled, s.RegisteredAt);
}

/// <summary>
/// Look-ups of partners over their inline snapshot: by id, by IBS authorization `code` (the IBS
/// dispatcher's `apply_service` / `get_ibs_address`), and the signing secret for the signed REST.
/// Nothing is cached, so a rotation or a disabling holds on every node from its commit (ADR-0023).
/// </summary>
public sealed class PartnerDirectory(IDocumentStore store, PartnerSecrets secrets)
{
    public async Task<PartnerView?> FindAsync(string partnerId, CancellationToken ct) =>
        await LoadAsync(partnerId, ct) is { } s ? PartnerView.Of(s) : null;

    /// <summary>The partner whose current code this is, disabled ones included (the caller refuses those); null for any other code.</summary>
    public async Task<PartnerView?> FindByAuthCodeAsync(string code, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(code)) return null;
        var hash = await secrets.HashCodeAsync(code, ct);
        await using var session = store.QuerySession();
        var found = await session.Query<PartnerSnapshot>().Where(p => p.AuthCodeHash == hash).FirstOrDefaultAsync(ct);
        return found is null ? null : PartnerView.Of(found);
    }

    /// <summary>The clear signing secret of an active partner; null when the partner is unknown or disabled.</summary>
    public async Task<string?> SigningSecretAsync(string partnerId, CancellationToken ct)
    {
        if (await LoadAsync(partnerId, ct) is not { Disabled: false } s) return null;
        return await secrets.OpenAsync(s.PartnerId, s.SealedSecret, ct);
    }

    private async Task<PartnerSnapshot?> LoadAsync(string partnerId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(partnerId) || partnerId.Length > 64) return null;
        await using var session = store.QuerySession();
        return await session.LoadAsync<PartnerSnapshot>(PartnerEventNames.StreamId(partnerId), ct);
    }
}
