using AutoMapper;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.People;

public sealed class PersonMappingProfile : Profile
{
    public PersonMappingProfile()
    {
        CreateMap<User, PersonDto>();
    }
}
