using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace TaskOrchestration.Application.Common.Validation;

/// <summary>
/// What PostgreSQL's <c>jsonb</c> refuses in JSON that System.Text.Json accepts: a <c>\u</c> escape of NUL (U+0000)
/// or of a UTF-16 surrogate that is not half of a pair, in a string or a property name, and a number that its
/// <c>numeric</c> type cannot hold. Read from the raw text, since decoding such a string is what fails.
/// </summary>
public static class StorableJson
{
    /// <summary>PostgreSQL's numeric: a weight (in base-10000 digits) that fits in 16 bits, so at most 131,072 digits before the point.</summary>
    private const int MaxMostSignificantDigitPosition = (32_767 * 4) + 3;

    /// <summary>PostgreSQL's numeric: at most 16,383 digits after the point, counted as written (trailing zeros too).</summary>
    private const int MaxDisplayScale = 16_383;

    /// <summary>PostgreSQL refuses an exponent of INT_MAX / 2 or more either way before it looks at the digits.</summary>
    private const long ExponentLimit = int.MaxValue / 2;

    /// <summary>
    /// Every part of <paramref name="value"/> that PostgreSQL could not store, each with its path below the value:
    /// "" for the value itself, ".customer.name", "[2]", "['a.b']" (the notation of System.Text.Json's own paths).
    /// </summary>
    public static IReadOnlyList<UnstorableValue> FindProblems(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return [];
        }

        var problems = new List<UnstorableValue>();
        var scopes = new List<Scope>();
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(value));
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    CountArrayItem(scopes);
                    scopes.Add(new Scope(reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    scopes.RemoveAt(scopes.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    var nameProblem = reader.ValueIsEscaped ? EscapeProblem(reader.ValueSpan) : null;
                    scopes[^1].Property = nameProblem is null ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
                    if (nameProblem is not null)
                    {
                        problems.Add(new UnstorableValue(PathOf(scopes), $"The property name {nameProblem}"));
                    }

                    break;
                case JsonTokenType.String:
                    CountArrayItem(scopes);
                    if (reader.ValueIsEscaped && EscapeProblem(reader.ValueSpan) is { } textProblem)
                    {
                        problems.Add(new UnstorableValue(PathOf(scopes), $"The text {textProblem}"));
                    }

                    break;
                case JsonTokenType.Number:
                    CountArrayItem(scopes);
                    if (!FitsNumeric(reader.ValueSpan))
                    {
                        problems.Add(new UnstorableValue(PathOf(scopes),
                            $"The number is out of range: at most {MaxMostSignificantDigitPosition + 1} digits before the decimal point and {MaxDisplayScale} after it."));
                    }

                    break;
                default:
                    CountArrayItem(scopes);
                    break;
            }
        }

        return problems;
    }

    /// <summary>
    /// Why the escaped JSON text <paramref name="raw"/> cannot be stored (completing "The text …"), or null. As
    /// PostgreSQL reads it: a high surrogate escape must be followed at once by a low one, a low one must follow a
    /// high one, and <c>\u0000</c> has no text form.
    /// </summary>
    private static string? EscapeProblem(ReadOnlySpan<byte> raw)
    {
        for (var index = 0; index < raw.Length; index++)
        {
            if (raw[index] != (byte)'\\')
            {
                continue;
            }

            if (raw[index + 1] != (byte)'u')
            {
                index++;
                continue;
            }

            var unit = CodeUnitAt(raw, index);
            if (unit == 0)
            {
                return "contains the escape \\u0000 (NUL), which PostgreSQL cannot store.";
            }

            if (char.IsLowSurrogate(unit))
            {
                return $"contains the escape \\u{(int)unit:x4}, half of a UTF-16 surrogate pair without its other half.";
            }

            if (char.IsHighSurrogate(unit))
            {
                var next = index + 6;
                if (next + 6 > raw.Length || raw[next] != (byte)'\\' || raw[next + 1] != (byte)'u' || !char.IsLowSurrogate(CodeUnitAt(raw, next)))
                {
                    return $"contains the escape \\u{(int)unit:x4}, half of a UTF-16 surrogate pair without its other half.";
                }

                index = next;
            }

            index += 5;
        }

        return null;
    }

    /// <summary>The code unit of the <c>\uXXXX</c> escape at <paramref name="index"/> (the reader has checked its four hex digits).</summary>
    private static char CodeUnitAt(ReadOnlySpan<byte> raw, int index)
    {
        var unit = 0;
        foreach (var digit in raw.Slice(index + 2, 4))
        {
            unit = (unit * 16) + (digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10);
        }

        return (char)unit;
    }

    /// <summary>
    /// Whether PostgreSQL's numeric_in accepts the JSON number <paramref name="number"/> (checked by the reader's
    /// grammar): the exponent's size, then the display scale (fraction digits minus the exponent), then the position
    /// of the most significant non-zero digit; a zero has no such digit.
    /// </summary>
    private static bool FitsNumeric(ReadOnlySpan<byte> number)
    {
        var index = number[0] == (byte)'-' ? 1 : 0;
        var integerStart = index;
        while (index < number.Length && char.IsAsciiDigit((char)number[index]))
        {
            index++;
        }

        var integerDigits = number[integerStart..index];
        var fractionDigits = ReadOnlySpan<byte>.Empty;
        if (index < number.Length && number[index] == (byte)'.')
        {
            var fractionStart = ++index;
            while (index < number.Length && char.IsAsciiDigit((char)number[index]))
            {
                index++;
            }

            fractionDigits = number[fractionStart..index];
        }

        long exponent = 0;
        if (index < number.Length)
        {
            var negative = number[++index] == (byte)'-';
            if (number[index] is (byte)'-' or (byte)'+')
            {
                index++;
            }

            // Saturates: any exponent past the limit is refused whatever its exact size.
            for (; index < number.Length; index++)
            {
                exponent = Math.Min((exponent * 10) + (number[index] - '0'), ExponentLimit);
            }

            exponent = negative ? -exponent : exponent;
        }

        if (Math.Abs(exponent) >= ExponentLimit || fractionDigits.Length - exponent > MaxDisplayScale)
        {
            return false;
        }

        var firstInInteger = integerDigits.IndexOfAnyExcept((byte)'0');
        var firstInFraction = fractionDigits.IndexOfAnyExcept((byte)'0');
        if (firstInInteger < 0 && firstInFraction < 0)
        {
            return true;
        }

        var position = (firstInInteger >= 0 ? integerDigits.Length - 1 - firstInInteger : -(firstInFraction + 1)) + exponent;
        return position <= MaxMostSignificantDigitPosition;
    }

    private static void CountArrayItem(List<Scope> scopes)
    {
        if (scopes.Count > 0 && scopes[^1].IsArray)
        {
            scopes[^1].Index++;
        }
    }

    private static string PathOf(List<Scope> scopes)
    {
        var path = new StringBuilder();
        foreach (var scope in scopes)
        {
            path.Append(scope.IsArray ? $"[{scope.Index}]" : JsonPath.Member(scope.Property));
        }

        return path.ToString();
    }

    /// <summary>An object or array the reader is in; for an object, the property being read; for an array, the item.</summary>
    private sealed class Scope(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string Property { get; set; } = string.Empty;
    }
}
