using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.Infrastructure.Persistence.CompiledModel;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// Every context runs on the EF model compiled ahead of time (Persistence/CompiledModel); the migrations tools build
/// theirs from the configurations (OnModelCreating). The two must map the same: an entity or configuration
/// changed without regenerating the compiled model would otherwise run on the old mapping.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate =
        "dotnet tool restore && dotnet ef dbcontext optimize --project src/Infrastructure --startup-project src/Infrastructure --output-dir Persistence/CompiledModel --namespace TaskOrchestration.Infrastructure.Persistence.CompiledModel";

    [Fact]
    public void TheCompiledModel_MapsWhatTheConfigurationsMap()
    {
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureDbContext(options, "Host=localhost;Database=compiled_model_check");
        using var context = new ApplicationDbContext(options.Options);

        // A context of this type finds the compiled model by itself (its assembly attribute); the design-time model is
        // the one OnModelCreating builds, as the migrations tools see it.
        Assert.Same(ApplicationDbContextModel.Instance, context.Model);
        var fromConfigurations = Mapping(context.GetService<IDesignTimeModel>().Model);
        var compiled = Mapping(ApplicationDbContextModel.Instance);

        var onlyBuilt = fromConfigurations.Except(compiled).ToList();
        var onlyCompiled = compiled.Except(fromConfigurations).ToList();
        Assert.NotEmpty(fromConfigurations);
        Assert.True(
            onlyBuilt.Count == 0 && onlyCompiled.Count == 0,
            $"The compiled EF model is out of date. The configurations map: {string.Join("; ", onlyBuilt)}. The compiled model maps: {string.Join("; ", onlyCompiled)}. Regenerate it: {Regenerate}");
    }

    /// <summary>What the model maps, one line per entity, property, key, foreign key and navigation: what a query or a save reads from it.</summary>
    private static HashSet<string> Mapping(IModel model)
    {
        var lines = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName() ?? entity.GetViewName() ?? entity.GetSqlQuery() ?? "(none)";
            var storeObject = StoreObjectIdentifier.Create(entity, entity.GetTableName() is null ? StoreObjectType.View : StoreObjectType.Table);
            lines.Add($"{entity.Name}: {table}, owned {entity.IsOwned()}, query filter {entity.GetDeclaredQueryFilters().Count}, base {entity.BaseType?.Name}, discriminator {entity.GetDiscriminatorValue()}");
            foreach (var property in entity.GetProperties())
            {
                var column = storeObject is { } store ? property.GetColumnName(store) : property.GetColumnName();
                lines.Add(
                    $"{entity.Name}.{property.Name}: {property.ClrType.Name} in {column} {property.GetColumnType()}, nullable {property.IsNullable}, "
                    + $"converter {property.GetTypeMapping().Converter?.GetType().Name}, provider {property.GetProviderClrType()?.Name}, concurrency {property.IsConcurrencyToken}, "
                    + $"generated {property.ValueGenerated}, max length {property.GetMaxLength()}, shadow {property.IsShadowProperty()}, field {property.FieldInfo?.Name}");
            }

            lines.UnionWith(entity.GetKeys().Select(key => $"{entity.Name} key ({string.Join(", ", key.Properties.Select(property => property.Name))}), primary {key.IsPrimaryKey()}"));
            lines.UnionWith(entity.GetForeignKeys().Select(foreignKey =>
                $"{entity.Name} foreign key ({string.Join(", ", foreignKey.Properties.Select(property => property.Name))}) to {foreignKey.PrincipalEntityType.Name}, delete {foreignKey.DeleteBehavior}, required {foreignKey.IsRequired}, unique {foreignKey.IsUnique}, ownership {foreignKey.IsOwnership}"));
            lines.UnionWith(entity.GetNavigations().Select(navigation => $"{entity.Name} navigation {navigation.Name} to {navigation.TargetEntityType.Name}, collection {navigation.IsCollection}, field {navigation.FieldInfo?.Name}"));
        }

        return lines;
    }
}
