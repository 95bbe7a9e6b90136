using TaskOrchestration.Architecture.Tests.Documentation;
using YamlDotNet.RepresentationModel;

namespace TaskOrchestration.Architecture.Tests.Deployment;

/// <summary>
/// The CI that users' hosts run (.github/workflows/ci.yml) and the update bot (.github/dependabot.yml), read as YAML:
/// the workflow installs what build/test.sh needs on a stock Ubuntu runner and runs it with NuGet and npm cached, and
/// Dependabot watches NuGet, every npm project in the repository and the workflow's actions.
/// </summary>
public sealed class ContinuousIntegrationTests
{
    private const string Workflow = ".github/workflows/ci.yml";
    private const string Dependabot = ".github/dependabot.yml";

    private static readonly Lazy<YamlMappingNode> WorkflowJob = new(() =>
        Assert.IsType<YamlMappingNode>(Assert.Single(Mapping(Load(Workflow), "jobs").Children).Value));

    [Fact]
    public void TheWorkflow_RunsTheTestCommandOnAStockUbuntuRunner()
    {
        Assert.Equal("ubuntu-latest", Text(WorkflowJob.Value["runs-on"]));

        var runs = Steps().Select(step => Scalar(step, "run")).ToList();
        Assert.Contains(runs, run => run.Trim() is "bash .ci/run" or "bash build/test.sh" or "build/test.sh");
        // .ci/run is the CI entry point; it must still be the test command.
        Assert.Contains("exec bash build/test.sh", RepositoryFiles.Read(".ci/run"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheWorkflow_InstallsPostgreSql15_WhereTheTestCommandLooksForIt()
    {
        var install = string.Join("\n", Steps().Select(step => Scalar(step, "run")));

        Assert.Matches(@"apt-get install[^\n]*\bpostgresql-15\b", install);
        Assert.Contains("apt.postgresql.org", install, StringComparison.Ordinal);
        Assert.Contains("PG_DEBIAN_BIN=/usr/lib/postgresql/15/bin", RepositoryFiles.Read("build/lib/postgres.sh"), StringComparison.Ordinal);
        Assert.Equal("/usr/lib/postgresql/15/bin", Text(Mapping(WorkflowJob.Value, "env")["PG_BIN"]));
        Assert.Matches(@"apt-get install[^\n]*\bpython3-aiosmtpd\b", install);
    }

    //#if (web)
    [Fact]
    public void TheWorkflow_GivesTheBrowserTestsAChromium()
    {
        var chromium = Assert.Single(Steps(), step => Scalar(step, "run").Contains("TASKORCH_E2E_CHROMIUM=", StringComparison.Ordinal));

        Assert.Contains(">>\"$GITHUB_ENV\"", Scalar(chromium, "run"), StringComparison.Ordinal);
        Assert.Contains("TASKORCH_E2E_CHROMIUM", RepositoryFiles.Read("build/lib/chromium.sh"), StringComparison.Ordinal);
    }
    //#endif

    [Fact]
    public void TheWorkflow_CachesNuGetPackages_KeyedOnThePinnedVersions()
    {
        var cache = Assert.Single(Steps(), step => Scalar(step, "uses").StartsWith("actions/cache@", StringComparison.Ordinal));
        var with = Mapping(cache, "with");

        // NuGet's default global packages folder on Linux (no NUGET_PACKAGES moves it).
        Assert.Equal("~/.nuget/packages", Text(with["path"]));
        Assert.False(Mapping(WorkflowJob.Value, "env").Children.ContainsKey(new YamlScalarNode("NUGET_PACKAGES")));
        Assert.Contains("hashFiles(", Text(with["key"]), StringComparison.Ordinal);
        Assert.Contains("'Directory.Packages.props'", Text(with["key"]), StringComparison.Ordinal);
        Assert.Contains("'**/*.csproj'", Text(with["key"]), StringComparison.Ordinal);
    }

    [Fact]
    public void TheWorkflow_CachesNpm_OnEveryLockFile()
    {
        var lockFiles = NpmProjects().Select(folder => folder.TrimStart('/') + "/package-lock.json").ToList();
        var node = Steps().SingleOrDefault(step => Scalar(step, "uses").StartsWith("actions/setup-node@", StringComparison.Ordinal));
        if (lockFiles.Count == 0)
        {
            Assert.Null(node);
            return;
        }

        Assert.NotNull(node);
        var with = Mapping(node, "with");
        Assert.Equal("npm", Text(with["cache"]));
        var cached = Text(with["cache-dependency-path"]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(lockFiles, cached.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Dependabot_WatchesNuGet_EveryNpmProject_AndTheWorkflowsActions()
    {
        var root = Load(Dependabot);
        Assert.Equal("2", Text(root["version"]));
        var updates = Assert.IsType<YamlSequenceNode>(root["updates"]).Children.Cast<YamlMappingNode>()
            .Select(update => (Ecosystem: Text(update["package-ecosystem"]), Directory: Text(update["directory"])))
            .ToList();

        Assert.Contains(("nuget", "/"), updates);
        Assert.Contains(("github-actions", "/"), updates);
        Assert.Equal(NpmProjects(), updates.Where(update => update.Ecosystem == "npm").Select(update => update.Directory).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Every folder with a package.json, as Dependabot names it (/clients/web), in order; but bench/'s: the peers there
    /// (graphile-worker for bench/engine-peers.sh) stay at the versions the benchmark measures, and CI never installs them.
    /// </summary>
    private static List<string> NpmProjects()
    {
        var root = RepositoryFiles.Root();
        return [.. FoldersWithPackageJson(new DirectoryInfo(root))
            .Select(folder => "/" + Path.GetRelativePath(root, folder.FullName).Replace('\\', '/'))
            .Where(folder => !folder.StartsWith("/bench/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Skips what installs and builds leave (node_modules alone holds thousands of package.json files).</summary>
    private static IEnumerable<DirectoryInfo> FoldersWithPackageJson(DirectoryInfo folder)
    {
        if (folder.Name is "node_modules" or "bin" or "obj" or "dist" or "TestResults" or ".git" or ".local")
        {
            yield break;
        }

        if (File.Exists(Path.Combine(folder.FullName, "package.json")))
        {
            yield return folder;
        }

        foreach (var child in folder.EnumerateDirectories().SelectMany(FoldersWithPackageJson))
        {
            yield return child;
        }
    }

    private static IEnumerable<YamlMappingNode> Steps() =>
        Assert.IsType<YamlSequenceNode>(WorkflowJob.Value["steps"]).Children.Cast<YamlMappingNode>();

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? Text(value) : string.Empty;

    private static YamlMappingNode Load(string relativePath)
    {
        using var reader = new StringReader(RepositoryFiles.Read(relativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    private static YamlMappingNode Mapping(YamlMappingNode parent, string key) => Assert.IsType<YamlMappingNode>(parent[key]);

    private static string Text(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? string.Empty;
}
