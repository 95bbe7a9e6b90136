namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>
/// A named bad value: <see cref="Text"/> is raw JSON (for bodies) or raw URL text (for query and path). Core values
/// are sent on every run; the others when the random phase draws them.
/// </summary>
internal sealed record HostileValue(string Name, string Text, bool Core = true);

/// <summary>
/// The catalogue of values that have broken web APIs before, written as they go on the wire: JSON fragments with the
/// escapes a client can send (a lone surrogate is only expressible as <c>\ud800</c>), URL text percent-encoded (or
/// deliberately not).
/// </summary>
internal static class HostileValues
{
    public const int HugeLength = 100_000;

    /// <summary>JSON strings whose content is the problem: where they are stored, compared, searched or echoed.</summary>
    public static readonly HostileValue[] JsonStrings =
    [
        new("empty string", "\"\""),
        new("whitespace only", "\" \\t\\n\\r \""),
        new("100 KB string", "\"" + new string('x', HugeLength) + "\""),
        new("NUL character", "\"a\\u0000b\""),
        new("lone high surrogate", "\"a\\ud800b\""),
        new("lone low surrogate", "\"a\\udc00b\""),
        new("reversed surrogate pair", "\"\\udc00\\ud800\"", Core: false),
        new("right-to-left override", "\"\\u202Egnp.exe\""),
        new("emoji and joiners", "\"\U0001F9E8\U0001F469\u200D\U0001F469\u200D\U0001F467\""),
        new("combining marks", "\"e" + string.Concat(Enumerable.Repeat("\u0301\u0336", 50)) + "\""),
        new("zero-width and byte-order marks", "\"\\u200B\\uFEFF\\u2060\"", Core: false),
        new("control characters", "\"\\u0001\\u001F\\u007F\\u0085\"", Core: false),
        new("unicode noncharacters", "\"\\uFFFE\\uFFFF\"", Core: false),
        new("SQL injection", "\"'; DROP TABLE tasks; --\""),
        new("LIKE wildcards and backslash", "\"%_\\\\%\""),
        new("markup", "\"<script>alert(1)</script>\"", Core: false),
        new("format string", "\"{0}%s%n%x\"", Core: false),
    ];

    /// <summary>Numbers out of every range: past int32 and int64, past double, negative, fractional, and NaN spelled as text.</summary>
    public static readonly HostileValue[] JsonNumbers =
    [
        new("minus one", "-1"),
        new("zero", "0"),
        new("int32 max", "2147483647", Core: false),
        new("int32 overflow", "2147483648"),
        new("int32 underflow", "-2147483649", Core: false),
        new("int64 overflow", "9223372036854775808"),
        new("beyond double", "1e999999"),
        new("beyond double, negative", "-1e999999", Core: false),
        new("fraction", "1.5"),
        new("integer with exponent", "1e2", Core: false),
        new("NaN as a string", "\"NaN\""),
        new("Infinity as a string", "\"Infinity\"", Core: false),
        new("number as a string", "\"12\"", Core: false),
    ];

    public static readonly HostileValue[] JsonBooleans =
    [
        new("boolean as a string", "\"true\""),
        new("boolean as a number", "1"),
        new("yes", "\"yes\"", Core: false),
    ];

    public static readonly HostileValue[] JsonUuids =
    [
        new("not a uuid", "\"not-a-guid\""),
        new("empty uuid", "\"00000000-0000-0000-0000-000000000000\""),
        new("uuid in braces", "\"{6f9619ff-8b86-d011-b42d-00c04fc964ff}\"", Core: false),
        new("uuid without hyphens", "\"6f9619ff8b86d011b42d00c04fc964ff\"", Core: false),
        new("uuid with a bad digit", "\"6f9619ff-8b86-d011-b42d-00c04fc964fZ\"", Core: false),
        new("number for a uuid", "123", Core: false),
    ];

    public static readonly HostileValue[] JsonDateTimes =
    [
        new("month 13, hour 99", "\"2024-13-45T99:00:00Z\""),
        new("30 February", "\"2025-02-30T00:00:00Z\""),
        new("two hours east of UTC", "\"2030-06-01T12:00:00+02:00\""),
        new("year 1", "\"0001-01-01T00:00:00Z\""),
        new("year 1 west of UTC", "\"0001-01-01T00:00:00-14:00\"", Core: false),
        new("year 9999 east of UTC", "\"9999-12-31T23:59:59.9999999+14:00\"", Core: false),
        new("negative year", "\"-000001-01-01T00:00:00Z\"", Core: false),
        new("a word", "\"yesterday\""),
        new("date without time", "\"2025-01-01\"", Core: false),
        new("time without offset", "\"2025-01-01T00:00:00\"", Core: false),
        new("unix seconds", "1700000000", Core: false),
    ];

    public static readonly HostileValue[] JsonEnums =
    [
        new("unknown enum value", "\"notAValue\""),
        new("enum value in upper case", "\"{UPPER}\"", Core: false),
        new("enum as its number", "0"),
        new("empty enum value", "\"\"", Core: false),
    ];

    /// <summary>Any JSON at all (metadata, input): what a JSON column or a JSON parser can choke on.</summary>
    public static readonly HostileValue[] AnyJson =
    [
        new("nested 200 deep", string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)),
        new("NUL in a member", "{\"note\":\"a\\u0000b\"}"),
        new("NUL in a name", "{\"a\\u0000\":1}", Core: false),
        new("lone surrogate in a member", "{\"note\":\"\\ud800\"}"),
        new("number beyond double in a member", "{\"n\":1e999999}"),
        new("huge integer in a member", "{\"n\":123456789012345678901234567890}", Core: false),
        new("100 KB member", "{\"note\":\"" + new string('x', HugeLength) + "\"}"),
        new("array", "[1,2,3]"),
        new("string", "\"text\"", Core: false),
        new("number", "42", Core: false),
        new("empty object", "{}", Core: false),
        new("duplicate member", "{\"a\":1,\"a\":2}"),
    ];

    /// <summary>Query, path and header text: encodings, injections, wildcards, invalid UTF-8.</summary>
    public static readonly HostileValue[] UrlTexts =
    [
        new("empty", string.Empty),
        new("10,000 characters", new string('x', 10_000)),
        new("NUL", "%00"),
        new("NUL inside", "a%00b"),
        new("SQL injection", "'%3B%20DROP%20TABLE%20tasks%3B--"),
        new("bare percent", "%"),
        new("percent", "%25"),
        new("underscore", "_"),
        new("backslash", "%5C"),
        new("raw backslash", "\\"),
        new("lone surrogate as UTF-8", "%ED%A0%80"),
        new("invalid UTF-8", "%FF%FE"),
        new("emoji", "%F0%9F%A7%A8"),
        new("right-to-left override", "%E2%80%AE"),
        new("CRLF", "%0D%0A"),
        new("whitespace", "%20%09"),
    ];

    /// <summary>Wrong for a typed query value: each is refused by an integer, boolean, uuid or date-time parameter.</summary>
    public static readonly HostileValue[] UrlIntegers =
    [
        new("not a number", "abc"),
        new("fraction", "1.5", Core: false),
        new("exponent", "1e3", Core: false),
        new("minus one", "-1"),
        new("zero", "0"),
        new("int32 overflow", "2147483648"),
        new("huge", "99999999999999999999"),
        new("hexadecimal", "0x10", Core: false),
        new("NaN", "NaN", Core: false),
    ];

    public static readonly HostileValue[] UrlBooleans = [new("maybe", "maybe"), new("one", "1", Core: false), new("yes", "yes", Core: false)];

    public static readonly HostileValue[] UrlUuids =
    [
        new("not a uuid", "xyz"),
        new("a number", "123", Core: false),
        new("empty uuid", "00000000-0000-0000-0000-000000000000"),
        new("uuid in braces", "%7B6f9619ff-8b86-d011-b42d-00c04fc964ff%7D", Core: false),
    ];

    public static readonly HostileValue[] UrlDateTimes =
    [
        new("not a date", "not-a-date"),
        new("month 13", "2025-13-01", Core: false),
        new("two hours east of UTC", "2030-06-01T12:00:00%2B02:00"),
        new("year 1", "0001-01-01T00:00:00Z"),
        new("year 9999", "9999-12-31T23:59:59Z", Core: false),
        new("offset out of range", "2025-01-01T00:00:00%2B99:00", Core: false),
    ];

    public static readonly HostileValue[] UrlEnums = [new("unknown enum value", "notAValue"), new("enum as its number", "0"), new("enum in upper case", "{UPPER}", Core: false)];
}
