using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TaskOrchestration.Clients.LiveTests;

/// <summary>
/// The README's C# snippet (For frontend teams, The typed clients) compiles as written against the client: as the
/// whole Program.cs of a console app with the SDK's implicit usings.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    /// <summary>What `dotnet new console` puts in scope (ImplicitUsings), and nothing more.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public void TheCSharpSnippet_CompilesAgainstTheClient()
    {
        var snippet = CSharpSnippet();
        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet",
            [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(snippet, path: "README.md")],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        using var assembly = new MemoryStream();
        var emitted = compilation.Emit(assembly);

        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)) + Environment.NewLine + snippet);
    }

    /// <summary>The one ```csharp block of the README's "Call it from code" section.</summary>
    private static string CSharpSnippet()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var start = readme.IndexOf("## Call it from code", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Call it from code' section.");
        var section = readme[(start + 1)..];
        var end = section.IndexOf("\n## ", StringComparison.Ordinal);
        section = end < 0 ? section : section[..end];
        return Assert.Single(CSharpBlock().Matches(section)).Groups["code"].Value;
    }

    /// <summary>The framework the tests run on (the client's dependencies among it), the client and everything beside it.</summary>
    private static IEnumerable<MetadataReference> References()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var client = typeof(Client.TaskOrchestrationClient).Assembly.Location;
        return framework.Append(client).Append(Assembly.GetExecutingAssembly().Location)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => MetadataReference.CreateFromFile(path));
    }

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
