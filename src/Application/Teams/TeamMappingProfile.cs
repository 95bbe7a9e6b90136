using AutoMapper;
using TaskOrchestration.Domain.Teams;

namespace TaskOrchestration.Application.Teams;

public sealed class TeamMappingProfile : Profile
{
    public TeamMappingProfile()
    {
        CreateMap<Team, TeamDto>()
            .ForMember(dto => dto.MemberIds, options => options.MapFrom(team => team.Members.Select(member => member.UserId).ToList()));
    }
}
