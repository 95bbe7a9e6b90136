using System.Text.Json;
using TaskOrchestration.Application.Common.Validation;

namespace TaskOrchestration.Application.UnitTests.Validation;

public sealed class StorableTextTests
{
    public sealed record Order(string? Title, IReadOnlyList<string>? Tags = null, JsonElement? Metadata = null, IReadOnlyList<Line>? Lines = null, int Count = 0);

    public sealed record Line(string Note, string[] Labels);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static IEnumerable<string> Paths(object request) => StorableText.FindProblems(request).Select(problem => problem.Path);

    // Facts, not theories: a test runner's report cannot carry NUL or a lone surrogate in a test's name.
    [Fact]
    public void AStringPostgresCannotStore_IsNamedByItsField()
    {
        foreach (var title in new[] { "a\0b", "\ud800", "a\udc00", "\ude00\ud83d", "\ud83d\ud83d\ude00" })
        {
            Assert.Equal(["title"], Paths(new Order(title)));
        }
    }

    [Fact]
    public void AStorableString_IsAccepted()
    {
        foreach (var title in new[] { "plain", "an emoji \ud83d\ude00 is a pair", "\ud83d\ude00", string.Empty })
        {
            Assert.Empty(Paths(new Order(title)));
        }
    }

    [Fact]
    public void ItemsOfLists_AndFieldsOfNestedRecords_AreNamedByTheirPath() =>
        Assert.Equal(
            ["tags[1]", "lines[0].labels[2]", "lines[1].note"],
            Paths(new Order("ok", ["a", "b\0"], Lines: [new Line("fine", ["x", "y", "\udc00"]), new Line("\0", [])])));

    [Fact]
    public void AJsonValue_IsReadWithStorableJson_BelowItsField()
    {
        var problems = StorableText.FindProblems(new Order("ok", Metadata: Json("""{"customer":{"name":"\u0000"},"items":[1,1e999999]}""")));

        Assert.Equal(["metadata.customer.name", "metadata.items[1]"], problems.Select(problem => problem.Path));
        Assert.Contains("NUL", problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullFields_AndOtherTypes_AreLeftAlone() =>
        Assert.Empty(Paths(new Order(null, null, null, null, Count: 3)));
}
