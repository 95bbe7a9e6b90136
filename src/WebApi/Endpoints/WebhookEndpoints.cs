using System.ComponentModel;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Webhooks;
using TaskOrchestration.Application.Webhooks.Commands.CreateWebhook;
using TaskOrchestration.Application.Webhooks.Commands.DeleteWebhook;
using TaskOrchestration.Application.Webhooks.Commands.RotateWebhookSecret;
using TaskOrchestration.Application.Webhooks.Commands.UpdateWebhook;
using TaskOrchestration.Application.Webhooks.Queries.GetWebhook;
using TaskOrchestration.Application.Webhooks.Queries.ListWebhookDeliveries;
using TaskOrchestration.Application.Webhooks.Queries.ListWebhooks;
using TaskOrchestration.Domain.Webhooks;
using TaskOrchestration.WebApi.Http;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/webhooks: endpoints that receive events, signed, and what was sent to them (admins; docs/events.md).</summary>
internal static class WebhookEndpoints
{
    public const string BasePath = "/api/v1/webhooks";

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup(BasePath).WithTags("Webhooks").RequireAuthorization();

        webhooks.MapPost("/", CreateWebhook).WithName("CreateWebhook")
            .WithSummary("Register an endpoint to receive events (admins); the answer carries its signing secret, shown only this once.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden);
        webhooks.MapGet("/", ListWebhooks).WithName("ListWebhooks")
            .WithSummary("The registered webhooks, newest first, without their secrets (admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden);
        webhooks.MapGet("/{id:guid}", GetWebhook).WithName("GetWebhook")
            .WithSummary("One webhook, without its secret (admins); the ETag header carries its version.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound);
        webhooks.MapPatch("/{id:guid}", UpdateWebhook).WithName("UpdateWebhook")
            .WithSummary("Change a webhook's URL, event types, description or active flag (admins); honours If-Match.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status409Conflict, Status412PreconditionFailed);
        webhooks.MapDelete("/{id:guid}", DeleteWebhook).WithName("DeleteWebhook")
            .WithSummary("Delete a webhook and its deliveries (admins); honours If-Match.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status409Conflict, Status412PreconditionFailed);
        webhooks.MapPost("/{id:guid}/rotate-secret", RotateSecret).WithName("RotateWebhookSecret")
            .WithSummary("Give a webhook a new signing secret, answered only this once; the previous one keeps signing for 24 hours unless keepPrevious is false (admins); honours If-Match.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status409Conflict, Status412PreconditionFailed);
        webhooks.MapGet("/{id:guid}/deliveries", ListDeliveries).WithName("ListWebhookDeliveries")
            .WithSummary("A webhook's deliveries, newest first, with each one's status, attempts and last answer (admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound);
    }

    private static async Task<Created<WebhookWithSecretDto>> CreateWebhook(CreateWebhookCommand command, IMediator mediator, HttpResponse response, CancellationToken cancellationToken)
    {
        var webhook = await mediator.Send(command, cancellationToken);
        response.Headers.ETag = EntityTag.Format(webhook.Version);
        return TypedResults.Created($"{BasePath}/{webhook.Id}", webhook);
    }

    private static async Task<Ok<PagedList<WebhookDto>>> ListWebhooks(
        IMediator mediator, CancellationToken cancellationToken, int? page = null, int? pageSize = null, bool? includeTotal = null) =>
        TypedResults.Ok(await mediator.Send(new ListWebhooksQuery(page ?? 1, pageSize ?? 20, includeTotal ?? false), cancellationToken));

    private static async Task<Ok<WebhookDto>> GetWebhook(Guid id, IMediator mediator, HttpResponse response, CancellationToken cancellationToken) =>
        WithETag(response, await mediator.Send(new GetWebhookQuery(id), cancellationToken));

    private static async Task<Ok<WebhookDto>> UpdateWebhook(
        Guid id,
        UpdateWebhookRequest body,
        [FromHeader(Name = EntityTag.IfMatchHeader)] string? ifMatch,
        IMediator mediator,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var command = new UpdateWebhookCommand(id, body.Url, body.EventTypes, body.Description, body.Active, EntityTag.ParseIfMatch(ifMatch));
        return WithETag(response, await mediator.Send(command, cancellationToken));
    }

    private static async Task<NoContent> DeleteWebhook(Guid id, [FromHeader(Name = EntityTag.IfMatchHeader)] string? ifMatch, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteWebhookCommand(id, EntityTag.ParseIfMatch(ifMatch)), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WebhookWithSecretDto>> RotateSecret(
        Guid id,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RotateWebhookSecretRequest? body,
        [FromHeader(Name = EntityTag.IfMatchHeader)] string? ifMatch,
        IMediator mediator,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var webhook = await mediator.Send(new RotateWebhookSecretCommand(id, body?.KeepPrevious ?? true, EntityTag.ParseIfMatch(ifMatch)), cancellationToken);
        response.Headers.ETag = EntityTag.Format(webhook.Version);
        return TypedResults.Ok(webhook);
    }

    private static async Task<Ok<PagedList<WebhookDeliveryDto>>> ListDeliveries(
        Guid id,
        IMediator mediator,
        CancellationToken cancellationToken,
        [QueryEnum(typeof(WebhookDeliveryStatus)), Description("Only the deliveries in this status.")] string? status = null,
        int? page = null,
        int? pageSize = null,
        bool? includeTotal = null)
    {
        var query = new ListWebhookDeliveriesQuery(id, QueryEnumValues.Parse<WebhookDeliveryStatus>(status, nameof(status)), page ?? 1, pageSize ?? 20, includeTotal ?? false);
        return TypedResults.Ok(await mediator.Send(query, cancellationToken));
    }

    private static Ok<WebhookDto> WithETag(HttpResponse response, WebhookDto webhook)
    {
        response.Headers.ETag = EntityTag.Format(webhook.Version);
        return TypedResults.Ok(webhook);
    }
}
