using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Client;

namespace TaskOrchestration.Clients.LiveTests;

/// <summary>Someone signed in to the live API through the client that AddTaskOrchestrationClient registers.</summary>
public sealed record Person(ITaskOrchestrationClient Api, Session Session, UserDto User, string Email, string Password);

/// <summary>The live API, its people, and one recorder for every request the suite sends.</summary>
public sealed class World(LiveApi live) : IAsyncDisposable
{
    private readonly List<ServiceProvider> _containers = [];
    private readonly SemaphoreSlim _adminOnce = new(1, 1);
    private Person? _admin;

    /// <summary>A client without a token, recorded.</summary>
    public ITaskOrchestrationClient Anonymous()
    {
        var recording = live.Recorder.Handler();
        recording.InnerHandler = new SocketsHttpHandler();
        return new TaskOrchestrationClient(new HttpClient(recording) { BaseAddress = live.BaseAddress });
    }

    /// <summary>Signs in as an application would: the client and its Session from a service collection of its own.</summary>
    public async Task<Person> SignInAsync(string email, string password)
    {
        var services = new ServiceCollection();
        services.AddTaskOrchestrationClient(live.BaseAddress).AddHttpMessageHandler(live.Recorder.Handler);
        services.AddHttpClient(TaskOrchestrationClientServiceCollectionExtensions.AnonymousClientName).AddHttpMessageHandler(live.Recorder.Handler);
        var container = services.BuildServiceProvider();
        lock (_containers)
        {
            _containers.Add(container);
        }

        var session = container.GetRequiredService<Session>();
        await session.SignInAsync(email, password);
        var api = container.GetRequiredService<ITaskOrchestrationClient>();
        return new Person(api, session, await api.GetCurrentUserAsync(), email, password);
    }

    /// <summary>The suite's admin: registered, made admin in the database before signing in, then signed in.</summary>
    public async Task<Person> AdminAsync()
    {
        await _adminOnce.WaitAsync();
        try
        {
            if (_admin is null)
            {
                var (email, password) = await RegisterAsync("admin");
                Assert.Equal(1, await live.Database.ExecuteAsync("UPDATE users SET role = 'admin' WHERE email = @email", ("email", email)));
                _admin = await SignInAsync(email, password);
            }

            return _admin;
        }
        finally
        {
            _adminOnce.Release();
        }
    }

    /// <summary>A new account (a member unless a role is given), signed in after its role is set.</summary>
    public async Task<Person> NewPersonAsync(UserRole role = UserRole.Member)
    {
        var (email, password) = await RegisterAsync(role.ToString());
        if (role != UserRole.Member)
        {
            var user = (await (await AdminAsync()).Api.ListUsersAsync(search: email)).Items.Single();
            await (await AdminAsync()).Api.ChangeUserRoleAsync(user.Id, new ChangeUserRoleRequest { Role = role });
        }

        return await SignInAsync(email, password);
    }

    public static Task<TaskDto> TaskAsync(Person person, string title = "Live task") => person.Api.CreateTaskAsync(new CreateTaskCommand { Title = title });

    public static async Task<TaskDto> TakenTaskAsync(Person person) => await person.Api.TakeTaskAsync((await TaskAsync(person)).Id);

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await container.DisposeAsync();
        }

        _adminOnce.Dispose();
    }

    private async Task<(string Email, string Password)> RegisterAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@live.example.com";
        var password = $"Pw-{Guid.NewGuid():N}";
        await Anonymous().RegisterUserAsync(new RegisterUserCommand { Email = email, Password = password, DisplayName = $"Live {role} {email[^30..^22]}" });
        return (email, password);
    }
}

/// <summary>The typed problem a failed call answers.</summary>
public static class Expect
{
    /// <summary>The call fails with the API's problem: its status, stable code, and a trace id, as one exception type.</summary>
    public static async Task<ApiException> ProblemAsync(int status, string code, Func<Task> call)
    {
        var problem = await Assert.ThrowsAnyAsync<ApiException>(call);
        Assert.Equal((status, code), (problem.StatusCode, problem.Code));
        Assert.False(string.IsNullOrEmpty(problem.TraceId));
        return problem;
    }
}
