using TaskOrchestration.Architecture.Tests.Documentation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TaskOrchestration.Architecture.Tests.Deployment;

/// <summary>
/// docker-compose.yml, read as Compose reads it (anchors and merge keys applied), keeps what a deployment relies on:
/// the API and the worker report ready only when they can work, every email lands in the mail catcher, only the
/// migrate service sees the admin password, and the image serves the web app. No Docker engine is needed.
/// </summary>
public sealed class DockerComposeTests
{
    private const string ComposeFile = "docker-compose.yml";
    //#if (web)
    private const string Dockerfile = "src/WebApi/Dockerfile";
    //#endif

    private static readonly Lazy<YamlMappingNode> Services = new(() => Mapping(Compose(), "services"));

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public void TheApiAndTheWorker_HaveAHealthCheckOnReady(string service)
    {
        var check = Service(service).Children.TryGetValue(new YamlScalarNode("healthcheck"), out var node)
            ? Assert.IsType<YamlMappingNode>(node)
            : throw Xunit.Sdk.FailException.ForFailure($"The {service} service has no healthcheck.");

        var command = string.Join(" ", Assert.IsType<YamlSequenceNode>(check["test"]).Children.Select(Text));

        Assert.Contains("GET /ready ", command, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public void TheApiAndTheWorker_MountTheSigningKeysWhereJwtKeysPathSays(string service)
    {
        var keysPath = Environment(service).GetValueOrDefault("Jwt__KeysPath");

        Assert.False(string.IsNullOrEmpty(keysPath), $"The {service} service has no Jwt__KeysPath.");
        Assert.Contains(Assert.IsType<YamlSequenceNode>(Service(service)["volumes"]).Children.Select(Text), volume => volume == $"./secrets/signing-keys:{keysPath}:ro");
    }

    [Fact]
    public void AMailCatcher_ReceivesTheEmailsOfTheApiAndTheWorker_AndShowsThemOnItsUiPort()
    {
        var (name, mail) = Services.Value.Children
            .Select(service => (Name: Text(service.Key), Definition: (YamlMappingNode)service.Value))
            .SingleOrDefault(service => service.Definition.Children.TryGetValue(new YamlScalarNode("image"), out var image) && Text(image).StartsWith("axllent/mailpit:", StringComparison.Ordinal));
        Assert.True(mail is not null, "No service runs axllent/mailpit.");
        Assert.Contains(Assert.IsType<YamlSequenceNode>(mail["ports"]).Children.Select(Text), port => port.EndsWith(":8025", StringComparison.Ordinal));

        foreach (var sender in new[] { "api", "worker" })
        {
            var environment = Environment(sender);
            Assert.Equal("Smtp", environment.GetValueOrDefault("Email__Delivery"));
            Assert.Equal(name, environment.GetValueOrDefault("Email__Smtp__Host"));
            Assert.Equal("1025", environment.GetValueOrDefault("Email__Smtp__Port"));
        }
    }

    [Fact]
    public void OnlyTheMigrateService_SeesTheAdminPassword()
    {
        Assert.Equal(["migrate"], Assert.IsType<YamlSequenceNode>(Service("migrate")["command"]).Children.Select(Text));
        Assert.Contains("ADMIN_PASSWORD", Environment("migrate").GetValueOrDefault("Bootstrap__AdminPassword"), StringComparison.Ordinal);

        var others = Services.Value.Children.Select(service => Text(service.Key)).Where(name => name != "migrate")
            .Where(name => Environment(name).Any(variable => variable.Key.StartsWith("Bootstrap__", StringComparison.Ordinal) || variable.Value.Contains("ADMIN_PASSWORD", StringComparison.Ordinal)))
            .ToList();
        Assert.True(others.Count == 0, $"Services other than migrate see the admin's settings: {string.Join(", ", others)}.");
    }

    [Fact]
    public void TheHeader_GivesTheOneLineCommandThatMakesASigningKey()
    {
        var header = File.ReadLines(Path.Combine(RepositoryFiles.Root(), ComposeFile)).TakeWhile(line => line.StartsWith('#'));

        Assert.Contains(header, line => line.Contains("mkdir -p secrets/signing-keys && openssl genpkey -algorithm RSA", StringComparison.Ordinal)
            && line.Contains("-out secrets/signing-keys/", StringComparison.Ordinal));
    }

    //#if (web)
    [Fact]
    public void TheImage_BuildsTheWebApp_AndServesItFromWhereWebAppPathSays()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root(), Dockerfile)).Select(line => line.Trim()).ToList();

        Assert.Contains(lines, line => line.StartsWith("FROM node:", StringComparison.Ordinal) && line.EndsWith(" AS web", StringComparison.Ordinal));
        Assert.Contains("RUN cd web && npm run build", lines);
        Assert.Contains("COPY --from=web /source/clients/web/dist ./webapp", lines);
        Assert.Contains("ENV WebApp__Path=webapp", lines);
    }
    //#endif

    private static YamlMappingNode Service(string name) =>
        Services.Value.Children.TryGetValue(new YamlScalarNode(name), out var service)
            ? Assert.IsType<YamlMappingNode>(service)
            : throw Xunit.Sdk.FailException.ForFailure($"{ComposeFile} has no {name} service.");

    /// <summary>A service's environment, written as a mapping or as a list of NAME=value.</summary>
    private static Dictionary<string, string> Environment(string service)
    {
        if (!Service(service).Children.TryGetValue(new YamlScalarNode("environment"), out var environment))
        {
            return [];
        }

        return environment switch
        {
            YamlMappingNode mapping => mapping.Children.ToDictionary(variable => Text(variable.Key), variable => Text(variable.Value), StringComparer.Ordinal),
            YamlSequenceNode list => list.Children.Select(Text).Select(item => item.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts.ElementAtOrDefault(1) ?? string.Empty, StringComparer.Ordinal),
            _ => throw Xunit.Sdk.FailException.ForFailure($"The environment of {service} is neither a mapping nor a list."),
        };
    }

    private static YamlMappingNode Compose()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryFiles.Root(), ComposeFile));
        var stream = new YamlStream();
        // Compose applies merge keys (<<: *api-environment); so does the MergingParser.
        stream.Load(new MergingParser(new Parser(reader)));
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    private static YamlMappingNode Mapping(YamlMappingNode parent, string key) => Assert.IsType<YamlMappingNode>(parent[key]);

    private static string Text(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? string.Empty;
}
