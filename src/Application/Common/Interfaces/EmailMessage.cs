namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>One plain-text email to one person.</summary>
/// <param name="Id">
/// Unique per email and the same for every attempt to send it: it becomes the Message-Id, so a receiver that is sent
/// the same email twice (a sender that died between sending and recording it) can tell.
/// </param>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The body, as plain text.</param>
public sealed record EmailMessage(Guid Id, string To, string Subject, string TextBody);
