using TaskOrchestration.Application;
using TaskOrchestration.Infrastructure;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Realtime;
using TaskOrchestration.WebApi;
using TaskOrchestration.WebApi.Hosting;

var isMigrateCommand = args.Length > 0 && args[0] == MigrateCommand.Name;
var builder = WebApplication.CreateBuilder(isMigrateCommand ? args[1..] : args);
var role = HostRoles.Parse(builder.Configuration[HostRoles.SettingName]);

builder.Services
    .AddApplication(builder.Configuration["AutoMapper:LicenseKey"])
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration);
if (role.RunsWorker() && !isMigrateCommand)
{
    builder.Services.AddWorkerRole();
}

if (role.ServesApi() && !isMigrateCommand)
{
    builder.Services.AddLiveUpdateListener();
}

var app = builder.Build();

if (isMigrateCommand)
{
    return await MigrateCommand.RunAsync(app.Services);
}

if (role.ServesApi())
{
    app.UseWebApi();
}
else
{
    app.UseHealthOnly();
}

await app.RunAsync();
return 0;

/// <summary>The entry point; public so that functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
