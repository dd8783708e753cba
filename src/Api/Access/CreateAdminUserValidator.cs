using Cabinets.Domain.Access.AdminUsers;
using FluentValidation;

namespace Cabinets.Api.Access;

internal sealed class CreateAdminUserValidator : AbstractValidator<CreateAdminUser>
{
    public CreateAdminUserValidator()
    {
        RuleFor(c => c.Username).NotEmpty().MaximumLength(64).Matches("^[a-z0-9_.-]+$")
            .WithMessage("a username is 1-64 lower-case letters, digits, '_', '.' or '-'");
        RuleFor(c => c.PasswordHash).NotEmpty();
        RuleFor(c => c.Roles).NotEmpty();
    }
}
