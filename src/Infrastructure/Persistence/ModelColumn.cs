using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// A column that a set-based statement (an UPDATE ... FROM unnest(...), an INSERT ... SELECT FROM unnest(...)) writes
/// for a batch of <typeparamref name="TRow"/>: named as the EF model maps the property, an owned value's included,
/// and its values stored as the model stores them (through the property's value converter: an enum as its word, an
/// instant in UTC). The statement and the model therefore cannot say different things. Build the columns once per
/// model; a batch then costs one typed array per column, which Npgsql sends as one array parameter.
/// </summary>
/// <typeparam name="TRow">The entity type whose table the column belongs to.</typeparam>
internal sealed class ModelColumn<TRow>
{
    private static readonly MethodInfo StoredValuesMethod = typeof(ModelColumn<TRow>).GetMethod(nameof(StoredValues), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<IReadOnlyList<TRow>, object> _values;

    private ModelColumn(string name, Func<IReadOnlyList<TRow>, object> values)
    {
        Name = name;
        _values = values;
    }

    /// <summary>The column's name, quoted where SQL needs it ("from").</summary>
    public string Name { get; }

    /// <summary>
    /// The column of <paramref name="member"/> (a property of <typeparamref name="TRow"/>, or of a value it owns:
    /// <c>task =&gt; task.Run.LeasedBy</c>) in <typeparamref name="TRow"/>'s table.
    /// </summary>
    public static ModelColumn<TRow> Of<TValue>(IModel model, ISqlGenerationHelper sql, Expression<Func<TRow, TValue>> member)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(member);
        var row = model.FindEntityType(typeof(TRow)) ?? throw new InvalidOperationException($"{typeof(TRow).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(row.GetTableName()!, row.GetSchema());
        var property = FindProperty(row, member);
        var column = property.GetColumnName(table) ?? throw new InvalidOperationException($"{property.Name} has no column in {table.Name}.");
        var converter = property.GetTypeMapping().Converter;
        var stored = converter is null ? typeof(TValue) : StoredType(typeof(TValue), converter.ProviderClrType);
        var values = (Func<IReadOnlyList<TRow>, object>)StoredValuesMethod.MakeGenericMethod(typeof(TValue), stored).Invoke(null, [member.Compile(), converter])!;
        return new ModelColumn<TRow>(sql.DelimitIdentifier(column), values);
    }

    /// <summary>The values of <paramref name="rows"/> in this column, as stored: a typed array (string[], Guid?[]...).</summary>
    public object ValuesOf(IReadOnlyList<TRow> rows) => _values(rows);

    /// <summary>Follows <c>row.Owned.Property</c> through the owned navigations to the property.</summary>
    private static IProperty FindProperty(IEntityType row, LambdaExpression member)
    {
        var path = new Stack<string>();
        var body = member.Body is UnaryExpression { NodeType: ExpressionType.Convert } conversion ? conversion.Operand : member.Body;
        while (body is MemberExpression access)
        {
            path.Push(access.Member.Name);
            body = access.Expression;
        }

        if (body != member.Parameters[0] || path.Count == 0)
        {
            throw new ArgumentException($"Not a property of {typeof(TRow).Name}: {member}.", nameof(member));
        }

        var type = row;
        while (path.Count > 1)
        {
            var navigation = path.Pop();
            type = type.FindNavigation(navigation) is { IsOnDependent: false, TargetEntityType: var owned } && owned.IsOwned()
                ? owned
                : throw new ArgumentException($"{navigation} is not a value {type.DisplayName()} owns.", nameof(member));
        }

        var name = path.Pop();
        return type.FindProperty(name) ?? throw new ArgumentException($"{name} is not a mapped property of {type.DisplayName()}.", nameof(member));
    }

    /// <summary>The stored type keeps the model type's nullability: a TaskItemStatus? is stored as a string, a DateTimeOffset? as a DateTimeOffset?.</summary>
    private static Type StoredType(Type modelType, Type providerType) =>
        providerType.IsValueType && Nullable.GetUnderlyingType(modelType) is not null ? typeof(Nullable<>).MakeGenericType(providerType) : providerType;

    private static Func<IReadOnlyList<TRow>, object> StoredValues<TValue, TStored>(Func<TRow, TValue> read, ValueConverter? converter)
    {
        if (converter is null)
        {
            return rows => rows.Select(read).ToArray();
        }

        // The converter's own delegate: it leaves null as null, as EF does when it writes.
        var toProvider = converter.ConvertToProvider;
        return rows =>
        {
            var values = new TStored[rows.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (TStored)toProvider(read(rows[i]))!;
            }

            return values;
        };
    }
}
