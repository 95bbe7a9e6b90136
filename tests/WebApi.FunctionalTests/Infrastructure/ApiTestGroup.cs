namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

/// <summary>All functional tests share one API host and database, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ApiTestGroup : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
