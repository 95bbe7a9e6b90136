using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

// Usage: TaskOrchestration.JwksVerifier <jwks-url> <issuer> <audience> <token>
// Prints the token's subject and exits 0 when the token is valid; prints the reason and exits 1 otherwise.
if (args.Length != 4)
{
    await Console.Error.WriteLineAsync("usage: JwksVerifier <jwks-url> <issuer> <audience> <token>");
    return 2;
}

using var http = new HttpClient();
var keys = new JsonWebKeySet(await http.GetStringAsync(new Uri(args[0])));
var result = await new JsonWebTokenHandler().ValidateTokenAsync(args[3], new TokenValidationParameters
{
    ValidIssuer = args[1],
    ValidAudience = args[2],
    IssuerSigningKeys = keys.GetSigningKeys(),
    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
});

if (!result.IsValid)
{
    await Console.Out.WriteLineAsync($"invalid: {result.Exception?.Message}");
    return 1;
}

await Console.Out.WriteLineAsync($"valid: {((JsonWebToken)result.SecurityToken).Subject}");
return 0;
