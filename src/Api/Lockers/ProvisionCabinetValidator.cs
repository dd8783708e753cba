using Cabinets.Domain.Lockers.Cabinets;
using FluentValidation;

namespace Cabinets.Api.Lockers;

internal sealed class ProvisionCabinetValidator : AbstractValidator<ProvisionCabinet>
{
    public ProvisionCabinetValidator()
    {
        RuleFor(c => c.SerialNumber).NotEmpty().MaximumLength(32).Matches("^[A-Za-z0-9_-]+$")
            .WithMessage("a serial number is 1-32 letters, digits, '_' or '-'");
        RuleFor(c => c.Site.Province).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Site.City).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Site.Area).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Site.Street).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Site.Place).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Site.CommunityName).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Site.AddressNote).MaximumLength(128);
    }
}
