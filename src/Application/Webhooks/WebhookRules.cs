using FluentValidation;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Application.Webhooks;

/// <summary>The input rules create and update share; the aggregate enforces the same rules again.</summary>
internal static class WebhookRules
{
    public static IRuleBuilderOptions<T, string?> WebhookUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(url => WebhookSubscription.IsValidUrl(url?.Trim()))
            .WithMessage($"The URL must be an absolute http or https URL of at most {WebhookSubscription.UrlMaxLength} characters, without user name or password.");

    public static IRuleBuilderOptions<T, IReadOnlyList<EventType>?> WebhookEventTypes<T>(this IRuleBuilder<T, IReadOnlyList<EventType>?> rule) =>
        rule.Must(types => types is { Count: > 0 }).WithMessage("Give at least one event type.")
            .Must(types => types is null || types.All(WebhookSubscription.IsSubscribable))
            .WithMessage("dailySummary is a notification, not an event: webhooks cannot receive it.");

    public static IRuleBuilderOptions<T, string?> WebhookDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(description => description is null || description.Trim().Length <= WebhookSubscription.DescriptionMaxLength)
            .WithMessage($"The description has at most {WebhookSubscription.DescriptionMaxLength} characters.");
}
