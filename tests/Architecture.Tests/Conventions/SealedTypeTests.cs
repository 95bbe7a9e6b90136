using FluentValidation;
using MediatR;
using NetArchTest.Rules;
using TaskOrchestration.Application.Tasks.Commands.CreateTask;
using TaskOrchestration.Architecture.Tests.Rules;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests.Conventions;

/// <summary>Handlers and validators are sealed: nothing extends a use case by inheritance.</summary>
public sealed class SealedTypeTests
{
    [Fact]
    public void EveryHandlerAndValidator_IsSealed() =>
        RuleAssert.NoViolations(ConventionRules.UnsealedHandlersAndValidators(ApplicationAssembly.GetTypes()), "Handlers and validators that are not sealed");

    [Fact]
    public void EveryHandlerAndValidator_IsSealed_AsNetArchTestSeesIt()
    {
        // Validators implement IValidator<T> through their base class, which NetArchTest's ImplementInterface does not see: select them by Inherit.
        var selection = HandlersAndValidators(ApplicationAssembly);

        RuleAssert.Covers(selection.GetTypes(), typeof(CreateTaskCommandHandler), typeof(CreateTaskCommandValidator));
        RuleAssert.NoViolations([.. selection.Should().BeSealed().GetResult().FailingTypeNames ?? []], "Handlers and validators that are not sealed");
    }

    [Fact]
    public void UnsealedFixtures_AreReportedByNetArchTestToo() =>
        Assert.Equal(
            [$"{FixturesNamespace}.Commands.Elsewhere.PingCommandHandler", $"{FixturesNamespace}.Commands.Ping.PingCommandValidator"],
            (HandlersAndValidators(FixturesAssembly).Should().BeSealed().GetResult().FailingTypeNames ?? []).Order(StringComparer.Ordinal));

    [Fact]
    public void UnsealedFixtures_AreReported() =>
        Assert.Equal(
            [$"{FixturesNamespace}.Commands.Elsewhere.PingCommandHandler", $"{FixturesNamespace}.Commands.Ping.PingCommandValidator"],
            ConventionRules.UnsealedHandlersAndValidators(FixturesAssembly.GetTypes()).Order(StringComparer.Ordinal));

    private static PredicateList HandlersAndValidators(System.Reflection.Assembly assembly) =>
        Types.InAssembly(assembly).That().ImplementInterface(typeof(IRequestHandler<,>)).Or().Inherit(typeof(AbstractValidator<>));
}
