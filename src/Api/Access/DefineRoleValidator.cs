using Cabinets.Domain.Access.RoleDefinitions;
using FluentValidation;

namespace Cabinets.Api.Access;

internal sealed class DefineRoleValidator : AbstractValidator<DefineRole>
{
    public DefineRoleValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(64).Matches("^[a-z0-9_.-]+$")
            .WithMessage("a role name is 1-64 lower-case letters, digits, '_', '.' or '-'");
    }
}
