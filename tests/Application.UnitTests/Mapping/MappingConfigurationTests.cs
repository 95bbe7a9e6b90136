using AutoMapper.Internal;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Teams;
using TaskOrchestration.Application.Users;
using TaskOrchestration.Application.Webhooks;
using TaskOrchestration.Application.UnitTests.Support;

namespace TaskOrchestration.Application.UnitTests.Mapping;

public sealed class MappingConfigurationTests
{
    [Fact]
    public void EveryProfile_MapsEveryDestinationMember()
    {
        TestMapper.Configuration.AssertConfigurationIsValid();
    }

    [Theory]
    [InlineData(typeof(TaskMappingProfile))]
    [InlineData(typeof(UserMappingProfile))]
    [InlineData(typeof(TeamMappingProfile))]
    [InlineData(typeof(WebhookMappingProfile))]
    public void EachProfile_IsFoundByAssemblyScanning(Type profile)
    {
        var scanned = TestMapper.Configuration.Internal().Profiles.Select(found => found.Name);

        Assert.Contains(profile.FullName, scanned);
    }
}
