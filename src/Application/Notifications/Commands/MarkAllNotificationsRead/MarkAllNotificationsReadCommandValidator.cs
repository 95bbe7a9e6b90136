using FluentValidation;

namespace TaskOrchestration.Application.Notifications.Commands.MarkAllNotificationsRead;

/// <summary>The command has no input; the validator exists so every feature has the same shape.</summary>
public sealed class MarkAllNotificationsReadCommandValidator : AbstractValidator<MarkAllNotificationsReadCommand>
{
}
