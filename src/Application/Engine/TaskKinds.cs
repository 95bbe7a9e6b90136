using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Engine;

/// <summary>The kinds of task this deployment can run: manual, and one per registered <see cref="ITaskHandler"/>.</summary>
public sealed class TaskKinds
{
    private readonly Dictionary<string, ITaskHandler> _handlers;

    public TaskKinds(IEnumerable<ITaskHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _handlers = new Dictionary<string, ITaskHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!TaskAutomation.IsValidKind(handler.Kind) || handler.Kind == TaskAutomation.ManualKind)
            {
                throw new InvalidOperationException($"{handler.GetType().Name} serves '{handler.Kind}', which is not a valid kind name.");
            }

            if (!_handlers.TryAdd(handler.Kind, handler))
            {
                throw new InvalidOperationException($"Two handlers serve the kind '{handler.Kind}': {_handlers[handler.Kind].GetType().Name} and {handler.GetType().Name}.");
            }
        }
    }

    /// <summary>The automated kinds, in ordinal order.</summary>
    public IReadOnlyList<string> Automated => [.. _handlers.Keys.Order(StringComparer.Ordinal)];

    public bool Exists(string kind) => kind == TaskAutomation.ManualKind || _handlers.ContainsKey(kind);

    /// <summary>What the handler of <paramref name="kind"/> would refuse in <paramref name="input"/> (nothing for manual or an unknown kind).</summary>
    public IReadOnlyList<TaskInputProblem> CheckInput(string kind, System.Text.Json.JsonElement? input) =>
        _handlers.TryGetValue(kind, out var handler) ? handler.CheckInput(input) : [];

    public ITaskHandler HandlerFor(string kind) =>
        _handlers.TryGetValue(kind, out var handler) ? handler : throw new KeyNotFoundException($"No handler serves the kind '{kind}'.");
}
