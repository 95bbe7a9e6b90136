namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

/// <summary>Files of the repository the tests were built from, such as clients/openapi.json.</summary>
public static class RepositoryFiles
{
    public static string CheckedInApiDocument => Path.Combine(Root, "clients", "openapi.json");

    public static string Root
    {
        get
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
}
