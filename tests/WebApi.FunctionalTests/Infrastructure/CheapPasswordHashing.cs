using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The production hasher spends ~130 ms of CPU per hash (PBKDF2, 100,000 iterations), and every test user costs two
/// (register, then sign in): hundreds of users would take minutes. Here new passwords are hashed in the same format
/// (ASP.NET Core Identity V3, which records its iteration count in the hash) with few iterations, and every check
/// still runs the production hasher's own <see cref="IPasswordHasher.Verify"/>, which reads that count back.
/// <see cref="ProductionSetting"/> switches it off for the tests that must hash exactly as production does.
/// </summary>
internal sealed class CheapPasswordHashing(IPasswordHasher production) : IPasswordHasher
{
    /// <summary>Set to "true" to keep the production hasher unchanged.</summary>
    public const string ProductionSetting = "Testing:ProductionPasswordHashing";

    private static readonly PasswordHasher<object> Cheap = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = 1_000,
    }));

    public string Hash(string password) => Cheap.HashPassword(new object(), password);

    public bool Verify(string? hash, string password) => production.Verify(hash, password);

    /// <summary>Wraps the registered <see cref="IPasswordHasher"/> unless <see cref="ProductionSetting"/> is "true".</summary>
    public static void Install(IServiceCollection services)
    {
        var registered = services.Single(descriptor => descriptor.ServiceType == typeof(IPasswordHasher));
        services.RemoveAll<IPasswordHasher>();
        services.AddSingleton<IPasswordHasher>(provider =>
        {
            var real = (IPasswordHasher)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
            var keepProduction = string.Equals(provider.GetRequiredService<IConfiguration>()[ProductionSetting], "true", StringComparison.OrdinalIgnoreCase);
            return keepProduction ? real : new CheapPasswordHashing(real);
        });
    }
}
