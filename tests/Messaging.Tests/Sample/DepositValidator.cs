using FluentValidation;

namespace Cabinets.Messaging.Tests.Sample;

public sealed class DepositValidator : AbstractValidator<Deposit>
{
    public DepositValidator()
    {
        RuleFor(d => d.AccountId).NotEmpty();
        RuleFor(d => d.Amount).GreaterThan(0);
        RuleFor(d => d.Phone).Matches("^1[0-9]{10}$");
    }
}
