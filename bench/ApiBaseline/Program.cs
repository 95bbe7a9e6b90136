using Microsoft.AspNetCore.Authentication.JwtBearer;
using Npgsql;
using TaskOrchestration.ApiBaseline;

// The baseline of bench/api.sh: what any secured API on Kestrel and Npgsql pays for four of our hot endpoints, and
// nothing else. Configured as our API is (ConnectionStrings__Default, Jwt__KeysPath, Jwt__Issuer, Jwt__Audience,
// ASPNETCORE_URLS): it validates the tokens our API issues, with the same library and the same rules, and signs none.
var builder = WebApplication.CreateBuilder(args);
// No log line per request: the baseline measures the request, not the console.
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var connectionString = builder.Configuration.GetConnectionString("Default");
if (string.IsNullOrWhiteSpace(connectionString))
{
    throw new InvalidOperationException("Set ConnectionStrings__Default to the database our API uses.");
}

// Pooled, with Npgsql's defaults, as our API's DbContext uses it.
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(bearer => BearerTokens.Configure(bearer, builder.Configuration));
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapTaskEndpoints();
await app.RunAsync();
