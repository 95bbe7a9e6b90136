using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Webhooks;

/// <summary>
/// An endpoint an admin registered to receive events: where to POST them, which types it wants, and the secret its
/// deliveries are signed with. An inactive subscription gets no new deliveries, and those already pending wait until
/// it is active again.
/// </summary>
public sealed class WebhookSubscription : AggregateRoot
{
    public const int UrlMaxLength = 2_000;
    public const int DescriptionMaxLength = 500;

    /// <summary>After a rotation that keeps the previous secret, how long deliveries are signed with both.</summary>
    public static readonly TimeSpan PreviousSecretGrace = TimeSpan.FromHours(24);

    private readonly List<EventType> _eventTypes = [];

    private WebhookSubscription()
    {
        Url = string.Empty;
        Secret = string.Empty;
    }

    public string Url { get; private set; }

    /// <summary>The current secret (<see cref="WebhookSecret"/>): shown once, when created or rotated.</summary>
    public string Secret { get; private set; }

    /// <summary>The secret before the last rotation, still signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    /// <summary>The event types it wants, distinct and in the order of <see cref="EventType"/>.</summary>
    public IReadOnlyList<EventType> EventTypes => _eventTypes.AsReadOnly();

    public string? Description { get; private set; }

    public bool IsActive { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static WebhookSubscription Create(string url, IEnumerable<EventType> eventTypes, string? description, bool active, WebhookSecret secret, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(actor);
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now),
            Url = CheckUrl(url),
            Description = CheckDescription(description),
            IsActive = active,
            Secret = secret.Value,
            CreatedBy = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        subscription._eventTypes.AddRange(CheckEventTypes(eventTypes));
        return subscription;
    }

    /// <summary>An absolute http or https URL with a host, without user information, of at most <see cref="UrlMaxLength"/> characters.</summary>
    public static bool IsValidUrl(string? url) =>
        url is { Length: > 0 and <= UrlMaxLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var parsed)
        && parsed.Scheme is "http" or "https"
        && parsed.Host.Length > 0
        && parsed.UserInfo.Length == 0;

    /// <summary>True for the event types that are events (all but <see cref="EventType.DailySummary"/>, a notification only).</summary>
    public static bool IsSubscribable(EventType type) => Enum.IsDefined(type) && type != EventType.DailySummary;

    /// <summary>Whether an event of this type becomes a delivery to this endpoint now.</summary>
    public bool Wants(EventType type) => IsActive && _eventTypes.Contains(type);

    /// <summary>Changes what is given; a null leaves that part as it is.</summary>
    public void Change(string? url, IEnumerable<EventType>? eventTypes, string? description, bool? active, DateTimeOffset now)
    {
        // Every part is checked before any is applied, so a refused change leaves the subscription as it was.
        var newUrl = url is null ? Url : CheckUrl(url);
        var newEventTypes = eventTypes is null ? null : CheckEventTypes(eventTypes);
        var newDescription = description is null ? Description : CheckDescription(description);

        Url = newUrl;
        if (newEventTypes is not null)
        {
            _eventTypes.Clear();
            _eventTypes.AddRange(newEventTypes);
        }

        Description = newDescription;
        IsActive = active ?? IsActive;
        UpdatedAt = now;
    }

    /// <summary>
    /// Replaces the secret. With <paramref name="keepPrevious"/>, deliveries are signed with the old one as well for
    /// <see cref="PreviousSecretGrace"/>, so receivers can switch without refusing any; without it (a leaked secret)
    /// the old one stops at once.
    /// </summary>
    public void RotateSecret(WebhookSecret secret, bool keepPrevious, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        PreviousSecret = keepPrevious ? Secret : null;
        PreviousSecretExpiresAt = keepPrevious ? now + PreviousSecretGrace : null;
        Secret = secret.Value;
        UpdatedAt = now;
    }

    /// <summary>The secrets a delivery made at <paramref name="now"/> is signed with: the current one, then the previous one while it lasts.</summary>
    public IReadOnlyList<WebhookSecret> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now
            ? [WebhookSecret.From(Secret), WebhookSecret.From(PreviousSecret)]
            : [WebhookSecret.From(Secret)];

    private static string CheckUrl(string? url)
    {
        var trimmed = url?.Trim();
        return IsValidUrl(trimmed) ? trimmed! : throw new DomainException(WebhookErrors.InvalidUrl);
    }

    private static List<EventType> CheckEventTypes(IEnumerable<EventType>? eventTypes)
    {
        var distinct = eventTypes?.Distinct().Order().ToList() ?? [];
        return distinct.Count > 0 && distinct.TrueForAll(IsSubscribable) ? distinct : throw new DomainException(WebhookErrors.InvalidEventTypes);
    }

    private static string? CheckDescription(string? description)
    {
        var trimmed = description?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= DescriptionMaxLength ? trimmed : throw new DomainException(WebhookErrors.InvalidDescription);
    }
}
