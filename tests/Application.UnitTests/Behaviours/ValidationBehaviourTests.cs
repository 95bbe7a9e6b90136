using FluentValidation;
using TaskOrchestration.Application.Common.Behaviours;
using TaskOrchestration.Application.Common.Exceptions;

namespace TaskOrchestration.Application.UnitTests.Behaviours;

public sealed class ValidationBehaviourTests
{
    public sealed record Order(string Title, IReadOnlyList<Line> Items);

    public sealed record Line(DateTimeOffset? DueDate);

    private int _nextCalls;

    [Fact]
    public async Task CollectsTheFailuresOfEveryValidator_KeyedInCamelCase_WithoutCallingNext()
    {
        var titles = new InlineValidator<Order>();
        titles.RuleFor(order => order.Title).NotEmpty();
        var lines = new InlineValidator<Order>();
        lines.RuleForEach(order => order.Items).ChildRules(line => line.RuleFor(item => item.DueDate).NotNull());

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            new ValidationBehaviour<Order, string>([titles, lines])
                .Handle(new Order("", [new Line(DateTimeOffset.UtcNow), new Line(null)]), CancellationToken.None, Next));

        Assert.Equal(["items[1].dueDate", "title"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(error.Errors.Values, messages => Assert.NotEmpty(Assert.Single(messages)));
        Assert.Equal(0, _nextCalls);
    }

    [Fact]
    public async Task KeepsEveryDistinctMessageOfAField_AndDropsRepeats()
    {
        var first = new InlineValidator<Order>();
        first.RuleFor(order => order.Title).NotEmpty().WithMessage("Give a title.");
        var second = new InlineValidator<Order>();
        second.RuleFor(order => order.Title).NotEmpty().WithMessage("Give a title.").MinimumLength(3).WithMessage("Make it longer.");

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            new ValidationBehaviour<Order, string>([first, second]).Handle(new Order("", []), CancellationToken.None, Next));

        Assert.Equal(["Give a title.", "Make it longer."], error.Errors["title"]);
    }

    [Fact]
    public async Task TextPostgresCannotStore_IsRefusedFirstAndAlone_KeyedByItsPath()
    {
        var validator = new InlineValidator<Order>();
        validator.RuleFor(order => order.Title).Must(_ => throw new InvalidOperationException("A validator never reads text that cannot be stored."));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            new ValidationBehaviour<Order, string>([validator]).Handle(new Order("a\0b", [new Line(null)]), CancellationToken.None, Next));

        Assert.Equal(["title"], error.Errors.Keys);
        Assert.Equal(["Text may not contain the NUL character (U+0000)."], error.Errors["title"]);
        Assert.Null(error.Code);
        Assert.Equal(0, _nextCalls);
    }

    [Fact]
    public async Task ARuleWithAProblemCodeOfItsOwn_GivesTheAnswerThatCode_OnlyWhenEveryFailureHasIt()
    {
        var coded = new InlineValidator<Order>();
        coded.RuleFor(order => order.Title).Must(_ => false).WithErrorCode("title_refused");
        var uncoded = new InlineValidator<Order>();
        uncoded.RuleFor(order => order.Items).NotEmpty();

        var alone = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            new ValidationBehaviour<Order, string>([coded]).Handle(new Order("x", [new Line(null)]), CancellationToken.None, Next));
        var mixed = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            new ValidationBehaviour<Order, string>([coded, uncoded]).Handle(new Order("x", []), CancellationToken.None, Next));

        Assert.Equal(("title_refused", null), (alone.Code, mixed.Code));
    }

    [Fact]
    public async Task FluentValidationsOwnCodes_AreNotProblemCodes()
    {
        var validator = new InlineValidator<Order>();
        validator.RuleFor(order => order.Title).NotEmpty();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            new ValidationBehaviour<Order, string>([validator]).Handle(new Order("", []), CancellationToken.None, Next));

        Assert.Null(error.Code);
    }

    [Fact]
    public async Task AValidRequest_CallsNextOnce_AndReturnsItsAnswer()
    {
        var validator = new InlineValidator<Order>();
        validator.RuleFor(order => order.Title).NotEmpty();

        var answer = await new ValidationBehaviour<Order, string>([validator]).Handle(new Order("Ok", []), CancellationToken.None, Next);

        Assert.Equal(("handled", 1), (answer, _nextCalls));
    }

    [Fact]
    public async Task ARequestWithoutValidators_CallsNext()
    {
        var answer = await new ValidationBehaviour<Order, string>([]).Handle(new Order("", []), CancellationToken.None, Next);

        Assert.Equal("handled", answer);
    }

    private Task<string> Next()
    {
        _nextCalls++;
        return Task.FromResult("handled");
    }
}
