using FluentValidation;

namespace TaskOrchestration.Application.Notifications.Commands.MarkNotificationRead;

public sealed class MarkNotificationReadCommandValidator : AbstractValidator<MarkNotificationReadCommand>
{
    public MarkNotificationReadCommandValidator() => RuleFor(command => command.NotificationId).NotEmpty();
}
