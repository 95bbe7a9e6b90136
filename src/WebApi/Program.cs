using TaskOrchestration.Application;
using TaskOrchestration.Infrastructure;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Realtime;
using TaskOrchestration.WebApi;
using TaskOrchestration.WebApi.Hosting;

try
{
    var isMigrateCommand = args.Length > 0 && args[0] == MigrateCommand.Name;
    var builder = WebApplication.CreateBuilder(isMigrateCommand ? args[1..] : args);
    var role = HostRoles.Parse(builder.Configuration[HostRoles.SettingName]);
    builder.Logging.AddConsoleLogFormat().LeaveStartFailuresToProgram();

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
    await StartupChecks.EnsureCanStartAsync(app, isMigrateCommand);

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

    await app.RunToShutdownAsync();
    return 0;
}
catch (Exception exception) when (StartupChecks.Explain(exception) is { } line)
{
    // A misconfiguration, not a bug: one line for the operator, no stack trace.
    await Console.Error.WriteLineAsync(line);
    return 1;
}

/// <summary>The entry point; public so that functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
