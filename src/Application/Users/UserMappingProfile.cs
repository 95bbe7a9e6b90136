using AutoMapper;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users;

public sealed class UserMappingProfile : Profile
{
    public UserMappingProfile()
    {
        CreateMap<User, UserDto>();
    }
}
