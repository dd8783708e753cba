using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Lockers.Partners;

/// <summary>
/// A courier partner's rules (issue 9 §1, ADR-0023): registered once, its credentials replaced
/// whole by a rotation, disabled for good. Disabling twice decides nothing new.
/// </summary>
public static class PartnerDecider
{
    public static Decider<PartnerCommand, PartnerState, IPartnerEvent> Instance { get; } =
        new(PartnerState.Initial, PartnerState.Evolve, Decide);

    public static class Errors
    {
        public const string NotFound = "partner.not_found";
        public const string AlreadyRegistered = "partner.already_registered";
        public const string Disabled = "partner.disabled";
        public const string InvalidName = "partner.invalid_name";
    }

    public const int MaxNameLength = 100;

    public static Decision<IPartnerEvent> Decide(PartnerCommand command, PartnerState state) => command switch
    {
        RegisterPartner c => Register(c, state),
        RotatePartnerSecret c => !state.Registered ? NotFound(c.PartnerId)
            : state.Disabled ? Decision<IPartnerEvent>.Reject(Errors.Disabled, $"partner {c.PartnerId} is disabled", "partnerId")
            : Decision<IPartnerEvent>.Accept(new PartnerSecretRotated(c.PartnerId, c.SealedSecret, c.AuthCodeHash, c.Now)),
        DisablePartner c => !state.Registered ? NotFound(c.PartnerId)
            : state.Disabled ? Decision<IPartnerEvent>.Accept()
            : Decision<IPartnerEvent>.Accept(new PartnerDisabled(c.PartnerId, c.Now)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled partner command"),
    };

    private static Decision<IPartnerEvent> Register(RegisterPartner c, PartnerState state)
    {
        if (state.Registered)
            return Decision<IPartnerEvent>.Reject(Errors.AlreadyRegistered, $"partner {c.PartnerId} is already registered", "partnerId");
        var name = c.Name.Trim();
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
            return Decision<IPartnerEvent>.Reject(Errors.InvalidName, $"a partner's name is 1-{MaxNameLength} characters without control characters", "name");
        return Decision<IPartnerEvent>.Accept(new PartnerRegistered(c.PartnerId, name, c.SealedSecret, c.AuthCodeHash, c.Now));
    }

    private static DomainError NotFound(string partnerId) => new(Errors.NotFound, $"no partner {partnerId}", "partnerId");
}
