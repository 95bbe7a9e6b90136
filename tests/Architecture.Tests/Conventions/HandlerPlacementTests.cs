using TaskOrchestration.Application.Tasks.Commands.TakeTask;
using TaskOrchestration.Application.Tasks.Queries.GetTask;
using TaskOrchestration.Architecture.Tests.Rules;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests.Conventions;

/// <summary>One folder per feature: the request, its handler and its validator, in a namespace named after the feature.</summary>
public sealed class HandlerPlacementTests
{
    private static readonly Type[] ApplicationTypes = ApplicationAssembly.GetTypes();

    [Fact]
    public void EachHandler_LivesInTheFeatureFolderOfItsRequest() =>
        RuleAssert.NoViolations(ConventionRules.HandlersOutsideTheirFeatureFolder(ApplicationTypes), "Handlers outside their request's feature folder");

    [Fact]
    public void EachRequest_HasItsHandlerAndValidatorBesideIt() =>
        RuleAssert.NoViolations(ConventionRules.RequestsWithoutTheirHandlerAndValidator(ApplicationTypes), "Requests missing their handler or validator");

    [Fact]
    public void TheRulesLookAtTheHandlers()
    {
        RuleAssert.Covers(ApplicationTypes.Where(ConventionRules.IsRequestHandler), typeof(TakeTaskCommandHandler), typeof(GetTaskQueryHandler));
        RuleAssert.Covers(ApplicationTypes.Where(ConventionRules.IsRequest), typeof(TakeTaskCommand), typeof(GetTaskQuery));
    }

    [Theory]
    [InlineData(typeof(TakeTaskCommand), "TakeTask")]
    [InlineData(typeof(GetTaskQuery), "GetTask")]
    public void TheFeatureFolder_IsTheRequestNameWithoutItsSuffix(Type request, string feature) =>
        Assert.Equal(feature, ConventionRules.FeatureOf(request));

    [Fact]
    public void AHandlerInAnotherFolder_IsReported()
    {
        var violations = ConventionRules.HandlersOutsideTheirFeatureFolder(FixtureTypes());

        Assert.Contains(violations, violation => violation.StartsWith($"{FixturesNamespace}.Commands.Elsewhere.PingCommandHandler ", StringComparison.Ordinal));
    }

    [Fact]
    public void ARequestWhoseHandlerIsElsewhere_IsReported() =>
        Assert.Equal(
            [$"{FixturesNamespace}.Commands.Ping.PingCommand has no PingCommandHandler in {FixturesNamespace}.Commands.Ping"],
            ConventionRules.RequestsWithoutTheirHandlerAndValidator(FixtureTypes()));

    private static Type[] FixtureTypes() =>
        [.. FixturesAssembly.GetTypes().Where(type => type.Namespace?.StartsWith(FixturesNamespace, StringComparison.Ordinal) == true)];
}
