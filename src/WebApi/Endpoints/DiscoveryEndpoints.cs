using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TaskOrchestration.Infrastructure.Identity;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>
/// What another service needs to trust our tokens without sharing a secret: the public signing keys (JWKS) and an
/// OpenID-style discovery document naming the issuer and where the keys are.
/// </summary>
internal static class DiscoveryEndpoints
{
    public const string JwksPath = "/.well-known/jwks.json";
    public const string DiscoveryPath = "/.well-known/openid-configuration";

    public static void MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        var discovery = app.MapGroup(string.Empty).AllowAnonymous().ExcludeFromDescription();
        discovery.MapGet(JwksPath, GetKeys);
        discovery.MapGet(DiscoveryPath, GetConfiguration);
    }

    private static Ok<JsonWebKeySetDocument> GetKeys(SigningKeys keys, HttpResponse response)
    {
        // Let verifiers cache the keys for a while, but not so long that a rotation goes unnoticed.
        response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new JsonWebKeySetDocument(
            [.. keys.PublicJsonWebKeys.Select(key => new PublicJsonWebKey(key.Kty, key.Use, key.Alg, key.Kid, key.N, key.E))]));
    }

    private static Ok<DiscoveryDocument> GetConfiguration(IOptions<JwtOptions> options, HttpRequest request)
    {
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return TypedResults.Ok(new DiscoveryDocument(
            options.Value.Issuer,
            origin + JwksPath,
            origin + "/api/v1/auth/token",
            [SigningKeys.Algorithm]));
    }

    internal sealed record JsonWebKeySetDocument([property: JsonPropertyName("keys")] IReadOnlyList<PublicJsonWebKey> Keys);

    internal sealed record PublicJsonWebKey(
        [property: JsonPropertyName("kty")] string Kty,
        [property: JsonPropertyName("use")] string Use,
        [property: JsonPropertyName("alg")] string Alg,
        [property: JsonPropertyName("kid")] string Kid,
        [property: JsonPropertyName("n")] string N,
        [property: JsonPropertyName("e")] string E);

    internal sealed record DiscoveryDocument(
        [property: JsonPropertyName("issuer")] string Issuer,
        [property: JsonPropertyName("jwks_uri")] string JwksUri,
        [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
        [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms);
}
