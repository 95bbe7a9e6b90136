namespace TaskOrchestration.Architecture.Tests.Documentation;

/// <summary>Reads the repository's own files (the documents these tests hold the code to).</summary>
internal static class RepositoryFiles
{
    /// <summary>The text of <paramref name="relativePath"/> (from the repository root), with \n line ends.</summary>
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(Root(), relativePath)).ReplaceLineEndings("\n");

    /// <summary>The repository root: the folder above the tests that holds the solution.</summary>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TaskOrchestration.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: no TaskOrchestration.sln above " + AppContext.BaseDirectory);
    }
}
