namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>A comment's text.</summary>
/// <param name="Body">1 to 5,000 characters.</param>
public sealed record CommentRequest(string? Body);
