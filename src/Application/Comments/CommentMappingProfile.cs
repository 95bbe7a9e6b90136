using AutoMapper;
using TaskOrchestration.Domain.Comments;

namespace TaskOrchestration.Application.Comments;

public sealed class CommentMappingProfile : Profile
{
    public CommentMappingProfile()
    {
        CreateMap<TaskComment, CommentDto>();
    }
}
