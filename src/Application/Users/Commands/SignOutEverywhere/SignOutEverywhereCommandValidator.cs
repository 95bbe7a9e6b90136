using FluentValidation;

namespace TaskOrchestration.Application.Users.Commands.SignOutEverywhere;

/// <summary>The command has no input; the validator exists so every feature has the same shape.</summary>
public sealed class SignOutEverywhereCommandValidator : AbstractValidator<SignOutEverywhereCommand>
{
}
