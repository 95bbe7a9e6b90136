using AutoMapper;
using Microsoft.Extensions.Logging.Abstractions;
using TaskOrchestration.Application.Tasks;

namespace TaskOrchestration.Application.UnitTests.Support;

/// <summary>The application's real mapping profiles, found the way AddApplication finds them (every profile of the assembly).</summary>
internal static class TestMapper
{
    public static readonly MapperConfiguration Configuration = new(config => config.AddMaps(typeof(TaskDto).Assembly), NullLoggerFactory.Instance);

    public static readonly IMapper Instance = Configuration.CreateMapper();
}
