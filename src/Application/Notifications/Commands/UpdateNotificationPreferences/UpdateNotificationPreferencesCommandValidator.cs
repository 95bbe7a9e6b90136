using FluentValidation;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.Notifications.Commands.UpdateNotificationPreferences;

public sealed class UpdateNotificationPreferencesCommandValidator : AbstractValidator<UpdateNotificationPreferencesCommand>
{
    public UpdateNotificationPreferencesCommandValidator()
    {
        RuleFor(command => command.Preferences).Cascade(CascadeMode.Stop).NotNull()
            .Must(changes => changes!.Count <= NotificationPolicy.NotifiableTypes.Count)
            .WithMessage($"At most {NotificationPolicy.NotifiableTypes.Count} entries, one per type.")
            .Must(changes => changes!.Where(change => change?.Type is not null).GroupBy(change => change.Type).All(group => group.Count() == 1))
            .WithMessage("Each type may appear only once.");
        RuleForEach(command => command.Preferences).NotNull().ChildRules(change =>
        {
            change.RuleFor(entry => entry.Type).NotNull()
                .Must(type => type is null || NotificationPolicy.IsNotifiable(type.Value))
                .WithMessage("taskCreated notifies nobody: it has no preference.");
            change.RuleFor(entry => entry.InApp).NotNull();
            change.RuleFor(entry => entry.Email).NotNull();
        }).When(command => command.Preferences is not null);
    }
}
