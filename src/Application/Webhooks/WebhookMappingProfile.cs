using System.Text.Json;
using AutoMapper;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Application.Webhooks;

public sealed class WebhookMappingProfile : Profile
{
    public WebhookMappingProfile()
    {
        CreateMap<WebhookSubscription, WebhookDto>()
            .ForMember(dto => dto.Active, options => options.MapFrom(subscription => subscription.IsActive));
        CreateMap<WebhookSubscription, WebhookWithSecretDto>()
            .ForMember(dto => dto.Active, options => options.MapFrom(subscription => subscription.IsActive));
        CreateMap<WebhookDelivery, WebhookDeliveryDto>()
            .ForMember(dto => dto.WebhookId, options => options.MapFrom(delivery => delivery.SubscriptionId))
            .ForMember(dto => dto.Payload, options => options.MapFrom(delivery => JsonSerializer.Deserialize<JsonElement>(delivery.Payload, (JsonSerializerOptions?)null)));
    }
}
