using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Primitives;

namespace TaskOrchestration.WebApi.Http;

/// <summary>
/// Puts back the framework's <see cref="BadHttpRequestException"/> for an optional parameter that does not parse
/// (<c>?pageSize=abc</c> for an <c>int?</c>). The request delegates generated at compile time (WebApi.csproj) throw it
/// for a required parameter, as the run-time ones did for both, but for an optional one they only set 400 and answer
/// nothing, so the client would not learn which parameter was wrong. This finds it the way the generated code parsed
/// it and throws what the run-time delegate threw, so every unreadable parameter reaches the one mapping
/// (ProblemDetailsExceptionHandler) and answers the same problem.
/// </summary>
internal static class OptionalParameterFailures
{
    private static readonly ConcurrentDictionary<Type, Func<string, bool>> Parsers = new();

    private static readonly MethodInfo ParsesMethod =
        typeof(OptionalParameterFailures).GetMethod(nameof(Parses), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Runs inside the exception handler and the status-code pages, so that what it throws becomes the problem.</summary>
    public static IApplicationBuilder UseOptionalParameterFailures(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response is { StatusCode: StatusCodes.Status400BadRequest, HasStarted: false }
                && FindUnreadable(context) is { } failure)
            {
                throw new BadHttpRequestException(
                    $"Failed to bind parameter \"{failure.Type} {failure.Name}\" from \"{failure.Value}\".");
            }
        });

    /// <summary>The first of the endpoint's parsed parameters, in declaration order, whose query or route text does not parse.</summary>
    private static (string Type, string Name, string Value)? FindUnreadable(HttpContext context)
    {
        var parameters = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [];
        foreach (var parameter in parameters.Where(parameter => parameter.HasTryParse))
        {
            var declared = parameter.ParameterInfo.ParameterType;
            // An array (?ids=a&ids=b) parses each value as its element type.
            var type = declared.IsArray ? declared.GetElementType()! : Nullable.GetUnderlyingType(declared) ?? declared;
            var parses = Parsers.GetOrAdd(type, ParserFor);
            // A single value given twice (?page=1&page=2) is read as the framework reads it: "1,2".
            var texts = TextsOf(context, parameter.Name);
            var values = declared.IsArray ? texts.ToArray() : [texts.ToString()];
            if (values.FirstOrDefault(text => !string.IsNullOrEmpty(text) && !parses(text)) is { } unreadable)
            {
                return (TypeName(declared), parameter.Name, unreadable);
            }
        }

        return null;
    }

    private static StringValues TextsOf(HttpContext context, string name) =>
        context.Request.RouteValues.TryGetValue(name, out var routeValue) ? new StringValues(routeValue?.ToString())
        : context.Request.Query.TryGetValue(name, out var queryValues) ? queryValues
        : StringValues.Empty;

    private static string TypeName(Type declared) =>
        declared.IsArray ? TypeName(declared.GetElementType()!) + "[]"
        : Nullable.GetUnderlyingType(declared) is { } underlying ? underlying.Name + "?"
        : declared.Name;

    // As the generated delegates parse: IParsable<T> with the invariant culture, Enum.TryParse for enums; a type that
    // is neither (a TryParse of its own) is taken as readable, so nothing is blamed that the framework did not blame.
    private static Func<string, bool> ParserFor(Type type)
    {
        if (type.IsEnum)
        {
            return text => Enum.TryParse(type, text, out _);
        }

        var parsable = type.GetInterfaces().Any(contract =>
            contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IParsable<>) && contract.GenericTypeArguments[0] == type);
        return parsable ? ParsesMethod.MakeGenericMethod(type).CreateDelegate<Func<string, bool>>() : _ => true;
    }

    private static bool Parses<T>(string text)
        where T : IParsable<T> =>
        T.TryParse(text, CultureInfo.InvariantCulture, out _);
}
