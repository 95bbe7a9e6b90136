using TaskOrchestration.Application;
using TaskOrchestration.Infrastructure;
using TaskOrchestration.WebApi;
using TaskOrchestration.WebApi.Hosting;

var isMigrateCommand = args.Length > 0 && args[0] == MigrateCommand.Name;
var builder = WebApplication.CreateBuilder(isMigrateCommand ? args[1..] : args);

builder.Services
    .AddApplication(builder.Configuration["AutoMapper:LicenseKey"])
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration);

var app = builder.Build();

if (isMigrateCommand)
{
    return await MigrateCommand.RunAsync(app.Services);
}

app.UseWebApi();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so that functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
