using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Users;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Vending.Users;

/// <summary>
/// A mini-program user as login (by the openid's keyed hash), the app, the charges and the console
/// read it. <see cref="PhoneHash"/> is the keyed hash an admin's phone look-up matches; the phone
/// and openid themselves stay sealed in <see cref="State"/>.
/// </summary>
public sealed class VendingUserSnapshot
{
    public string Id { get; set; } = "";

    public string OpenIdHash { get; set; } = "";

    public string PhoneHash { get; set; } = "";

    public VendingUserState? State { get; set; }
}

public sealed partial class VendingUserSnapshotProjection : SingleStreamProjection<VendingUserSnapshot, string>
{
    public VendingUserSnapshotProjection()
    {
        IncludeType<VendingUserRegistered>();
        IncludeType<PayScoreAuthorizationRequested>();
        IncludeType<PayScoreAuthorized>();
        IncludeType<PayScoreAuthorizationRevoked>();
        IncludeType<TicketsDebited>();
        IncludeType<TicketsCredited>();
        IncludeType<TicketsAdjusted>();
    }

    public override VendingUserSnapshot? Evolve(VendingUserSnapshot? snapshot, string id, IEvent e)
    {
        snapshot ??= new VendingUserSnapshot { Id = id };
        if (e.Data is VendingUserRegistered r)
        {
            snapshot.OpenIdHash = r.OpenIdHash;
            snapshot.PhoneHash = r.PhoneHash;
        }
        snapshot.State = VendingUserState.Evolve(snapshot.State, e.Data);
        return snapshot;
    }
}
