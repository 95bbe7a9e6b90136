using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>The parts of a webhook to change; a field left out keeps its value.</summary>
/// <param name="Url">A new URL: absolute http(s), without user name or password, not on an internal network.</param>
/// <param name="EventTypes">The new set of event types it receives: at least one.</param>
/// <param name="Description">A new description, up to 500 characters; an empty one removes it.</param>
/// <param name="Active">False pauses it (no new deliveries; pending ones wait), true resumes it.</param>
public sealed record UpdateWebhookRequest(string? Url = null, IReadOnlyList<EventType>? EventTypes = null, string? Description = null, bool? Active = null);

/// <summary>How to treat the secret being replaced.</summary>
/// <param name="KeepPrevious">True (the default): deliveries are signed with the previous secret as well for 24 hours, so the receiver can switch without refusing any. False: it stops at once (a leaked secret).</param>
public sealed record RotateWebhookSecretRequest(bool? KeepPrevious = null);
