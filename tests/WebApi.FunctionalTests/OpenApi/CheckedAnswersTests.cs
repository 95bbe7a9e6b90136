using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

namespace TaskOrchestration.WebApi.FunctionalTests.OpenApi;

/// <summary>
/// Every answer a functional test receives is checked against clients/openapi.json (ResponseConformanceMiddleware):
/// one that breaks it fails the request that received it, whatever client or derived host sent it.
/// </summary>
public sealed class CheckedAnswersTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task AnAnswerThatBreaksTheDocument_FailsTheRequestThatReceivedIt_SayingWhy()
    {
        var member = await SignUpAsync();
        using var lying = Factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ProfileWithoutEmail())));
        using var client = lying.CreateClient();
        client.DefaultRequestHeaders.Authorization = member.Client.DefaultRequestHeaders.Authorization;

        var violation = await Assert.ThrowsAsync<OpenApiViolationException>(() => client.GetAsync("/api/v1/users/me"));

        Assert.Contains("GET /api/v1/users/me (GetCurrentUser) answered 200", violation.Message, StringComparison.Ordinal);
        Assert.Contains("body at '/': required: Required properties [\"email\"] are not present (rule #/components/schemas/UserDto/required)", violation.Message, StringComparison.Ordinal);
        Assert.Contains("body at '/id': format", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerOnAPathTheDocumentRightlyLeavesOut_IsNotChecked()
    {
        using var anonymous = Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    /// <summary>Answers GET /api/v1/users/me itself, inside the check, with an id that is no uuid and no email.</summary>
    private sealed class ProfileWithoutEmail : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                if (context.Request.Path != "/api/v1/users/me")
                {
                    await inner(context);
                    return;
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"id":"42","displayName":"Ada","role":"member","createdAt":"2026-12-06T10:00:00Z","isActive":true}""");
            });
            next(app);
        };
    }
}
