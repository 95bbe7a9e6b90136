namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

/// <summary>A registered, signed-in user and an HTTP client that sends their bearer token.</summary>
public sealed record TestUser(Guid Id, string Email, string Role, HttpClient Client);
