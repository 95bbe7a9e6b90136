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

// Pooled and auto-preparing, as our API's DbContext uses Npgsql (Max Auto Prepare=100 unless the connection string
// says otherwise, src/Infrastructure/Persistence/PreparedStatements.cs): the baseline plans no more than ours.
var settings = new NpgsqlConnectionStringBuilder(connectionString);
if (settings.MaxAutoPrepare == 0)
{
    settings.MaxAutoPrepare = 100;
}

builder.Services.AddSingleton(NpgsqlDataSource.Create(settings.ConnectionString));
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(bearer => BearerTokens.Configure(bearer, builder.Configuration));
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapTaskEndpoints();
await app.RunAsync();
