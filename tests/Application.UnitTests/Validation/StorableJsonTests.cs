using System.Text.Json;
using TaskOrchestration.Application.Common.Validation;

namespace TaskOrchestration.Application.UnitTests.Validation;

/// <summary>
/// What PostgreSQL's jsonb refuses, read from the raw JSON. The expected answers of the number edges are what
/// PostgreSQL 15 answered to <c>SELECT '…'::jsonb</c> (the functional test StoredJsonTests asks the real database too).
/// </summary>
public sealed class StorableJsonTests
{
    private static IReadOnlyList<UnstorableValue> Problems(string json)
    {
        using var document = JsonDocument.Parse(json);
        return StorableJson.FindProblems(document.RootElement);
    }

    private static string OnlyPath(string json) => Assert.Single(Problems(json)).Path;

    [Theory]
    [InlineData("""{"a":"\ud800"}""", ".a")]
    [InlineData("""{"a":"x\udbffy"}""", ".a")]
    [InlineData("""{"a":"\udc00"}""", ".a")]
    [InlineData("""{"a":"\udfff\ud800"}""", ".a")]
    [InlineData("""{"a":"\ud800\ud800\udc00"}""", ".a")]
    [InlineData("""{"a":"\ud800\ud800"}""", ".a")]
    [InlineData("""{"a":"\udbff\u0041"}""", ".a")]
    [InlineData("""{"a":"\ud800\n"}""", ".a")]
    [InlineData("{\"a\":\"\\ud800\\\\\"}", ".a")]
    [InlineData("""{"a":"\u0000"}""", ".a")]
    [InlineData("""{"a":"ok \u0000 not"}""", ".a")]
    [InlineData("\"\\ud800\"", "")]
    public void AnEscapeJsonbRefuses_InAString_IsNamedByItsPath(string json, string path) =>
        Assert.Equal(path, OnlyPath(json));

    [Theory]
    [InlineData("""{"\ud800":1}""", """['\ud800']""")]
    [InlineData("""{"\udc00x":1}""", """['\udc00x']""")]
    [InlineData("""{"a":{"\u0000":true}}""", """.a['\u0000']""")]
    public void AnEscapeJsonbRefuses_InAPropertyName_IsNamedByTheNameAsWritten(string json, string path)
    {
        var problem = Assert.Single(Problems(json));

        Assert.Equal(path, problem.Path);
        Assert.StartsWith("The property name contains the escape", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a":"\ud83d\ude00 and \uD83D\uDE00"}""")]
    [InlineData("""{"\udbff\udfff":"\u0001\u001f"}""")]
    [InlineData("""{"a":"not an escape: \\u0000 and \\ud800"}""")]
    [InlineData("""{"a":"\\\u0041\"\/\b\f\n\r\t"}""")]
    [InlineData("""{"a":"raw 😀 text","b":[null,true,false,{}],"c":[]}""")]
    public void WhatJsonbStores_IsAccepted(string json) =>
        Assert.Empty(Problems(json));

    [Theory]
    [InlineData("""{"customer":{"name":"\u0000"}}""", ".customer.name")]
    [InlineData("""{"items":[1,2,"\ud800"]}""", ".items[2]")]
    [InlineData("""[{"a":1},{"b":[true,null]},"\u0000"]""", "[2]")]
    [InlineData("""[[1],[2,[3,"\udc00"]]]""", "[1][1][1]")]
    [InlineData("""{"a.b":{"c d":"\u0000"}}""", """['a.b']['c d']""")]
    [InlineData("""{"":"\u0000"}""", "['']")]
    [InlineData("""{"\u0061":{"x":1e131072}}""", ".a.x")]
    public void APath_NamesEachStep_InSystemTextJsonsNotation(string json, string path) =>
        Assert.Equal(path, OnlyPath(json));

    [Fact]
    public void EveryProblem_IsReported()
    {
        var problems = Problems("""{"a":"\u0000","\ud800":[1e999999,"fine",-1e-999999],"b":{"c":"\udc00"}}""");

        Assert.Equal([".a", """['\ud800']""", """['\ud800'][0]""", """['\ud800'][2]""", ".b.c"], problems.Select(problem => problem.Path));
    }

    [Theory]
    // Digits before the point: the most significant one may stand for at most 10^131071.
    [InlineData("1e131071", true)]
    [InlineData("9.9e131071", true)]
    [InlineData("10e131070", true)]
    [InlineData("123456789e131063", true)]
    [InlineData("1E+131071", true)]
    [InlineData("1e131072", false)]
    [InlineData("-1e131072", false)]
    [InlineData("123456789e131064", false)]
    [InlineData("1e999999", false)]
    // Digits after the point, as written (trailing zeros count), minus the exponent: at most 16383.
    [InlineData("1e-16383", true)]
    [InlineData("0.1e-16382", true)]
    [InlineData("1.0e-16382", true)]
    [InlineData("0.0e-16382", true)]
    [InlineData("0.00000000000000000000e-16362", true)]
    [InlineData("1e-16384", false)]
    [InlineData("1.5e-16383", false)]
    [InlineData("0.1e-16383", false)]
    [InlineData("0.0e-16383", false)]
    [InlineData("0.00000000000000000000e-16364", false)]
    [InlineData("-1e-999999", false)]
    // Zero has no significant digit, so only the scale and the exponent's own limit (INT_MAX / 2) apply.
    [InlineData("0e999999", true)]
    [InlineData("-0", true)]
    [InlineData("0.0000e131072", true)]
    [InlineData("0e1073741822", true)]
    [InlineData("0e1073741823", false)]
    [InlineData("0e-1073741822", false)]
    [InlineData("0e99999999999999999999", false)]
    [InlineData("1e-1073741823", false)]
    [InlineData("1e99999999999999999999", false)]
    public void ANumber_IsAccepted_ExactlyWhenPostgresNumericHoldsIt(string number, bool fits) =>
        Assert.Equal(fits, Problems($"[{number}]").Count == 0);

    [Fact]
    public void NumbersWithManyDigits_AreMeasuredLikeAnyOther()
    {
        Assert.Empty(Problems(new string('1', 131_072)));
        Assert.NotEmpty(Problems(new string('1', 131_073)));
        Assert.Empty(Problems("0." + new string('0', 16_382) + "1"));
        Assert.NotEmpty(Problems("0." + new string('0', 16_383) + "1"));
        Assert.NotEmpty(Problems("1." + new string('0', 16_384)));
    }
}
