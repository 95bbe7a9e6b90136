using TaskOrchestration.Architecture.Tests.Fixtures.Aggregates;
using TaskOrchestration.Architecture.Tests.Rules;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Domain.Webhooks;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests.Conventions;

/// <summary>An aggregate changes only through its methods, which check the rules: no public setter, no public writable field.</summary>
public sealed class AggregateEncapsulationTests
{
    [Fact]
    public void Aggregates_HaveNoPublicSetters() =>
        RuleAssert.NoViolations(ConventionRules.PublicSetters(ConventionRules.Aggregates(DomainAssembly)), "Public setters on aggregates");

    [Fact]
    public void TheEntitiesAndValuesInsideAggregates_HaveNoPublicSettersEither() =>
        RuleAssert.NoViolations(ConventionRules.PublicSetters([typeof(TaskHistoryEntry), typeof(TaskAssignee), typeof(TeamMember), typeof(TaskRunState)]),
            "Public setters on entities");

    [Fact]
    public void TheRuleLooksAtEveryAggregate() =>
        RuleAssert.Covers(ConventionRules.Aggregates(DomainAssembly),
            typeof(AggregateRoot), typeof(TaskItem), typeof(User), typeof(Team), typeof(RefreshToken), typeof(WebhookSubscription), typeof(WebhookDelivery));

    [Fact]
    public void AnAggregateWithPublicSetters_IsReported() =>
        Assert.Equal(
            ["LeakyAggregate.CreatedAt { set; }", "LeakyAggregate.Name { set; }"],
            ConventionRules.PublicSetters([typeof(LeakyAggregate)]).Order(StringComparer.Ordinal));
}
