using AutoMapper;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.Notifications;

public sealed class NotificationMappingProfile : Profile
{
    public NotificationMappingProfile()
    {
        CreateMap<Notification, NotificationDto>();
    }
}
