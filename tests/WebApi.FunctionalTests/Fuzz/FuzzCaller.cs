using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>
/// Who sends a request: a signed-in admin (who reaches every authorized code path), a member (the paths of someone
/// with fewer rights) or nobody. A signed-in caller can be replaced by a new user of the same role when the fuzzing
/// spent it (changed its password, ended its sessions).
/// </summary>
internal sealed class FuzzCaller(string name, string? role)
{
    public string Name { get; } = name;

    /// <summary>The role a replacement gets; null for the anonymous caller.</summary>
    public string? Role { get; } = role;

    public TestUser? User { get; private set; }

    public string? Token => User?.Client.DefaultRequestHeaders.Authorization?.Parameter;

    public Guid Id => User?.Id ?? Guid.Empty;

    /// <summary>How many times the caller was replaced.</summary>
    public int Renewals { get; private set; }

    public void SignedInAs(TestUser user, bool renewal)
    {
        User?.Client.Dispose();
        User = user;
        Renewals += renewal ? 1 : 0;
    }

    public override string ToString() => Name;
}
