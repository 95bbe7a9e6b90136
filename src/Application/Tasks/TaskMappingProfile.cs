using AutoMapper;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks;

/// <summary>Maps a task to its DTO; the allowed actions depend on who asks, passed as <see cref="ActorKey"/>.</summary>
public sealed class TaskMappingProfile : Profile
{
    public const string ActorKey = "Actor";

    public TaskMappingProfile()
    {
        // The run state's fields are the DTO's own (attemptCount, leasedBy...): mapped by name from task.Run.
        CreateMap<TaskItem, TaskDto>()
            .IncludeMembers(task => task.Run)
            .ForMember(dto => dto.AllowedActions, options => options.MapFrom((task, _, _, context) =>
                task.PermittedTriggers((Actor)context.Items[ActorKey])))
            .ForMember(dto => dto.RefusedActions, options => options.MapFrom((task, _, _, context) =>
                task.RefusedTriggers((Actor)context.Items[ActorKey]).Select(refused => new RefusedActionDto { Action = refused.Trigger, Code = refused.Code }).ToList()))
            .ForMember(dto => dto.AssigneeIds, options => options.MapFrom(task => task.Assignees.Select(assignee => assignee.UserId).ToList()))
            .ForMember(dto => dto.Metadata, options => options.MapFrom(task => ParseJson(task.Metadata)))
            .ForMember(dto => dto.Tags, options => options.MapFrom(task => task.Tags.ToList()));
        CreateMap<TaskRunState, TaskDto>(MemberList.None)
            .ForMember(dto => dto.Input, options => options.MapFrom(run => ParseJson(run.Input)));
        CreateMap<TaskHistoryEntry, TaskHistoryEntryDto>();
        CreateMap<FieldChange, FieldChangeDto>();
    }

    private static System.Text.Json.JsonElement? ParseJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
