namespace TaskOrchestration.TestSupport;

/// <summary>The repository the tests run from: the folder above the test's output that holds the solution.</summary>
public static class RepositoryFolder
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "TaskOrchestration.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: no TaskOrchestration.sln above " + AppContext.BaseDirectory);
    }
}
