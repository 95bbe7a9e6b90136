namespace TaskOrchestration.Domain.Tasks;

/// <summary>An action that moves a task through its lifecycle; the API lists the ones a user may fire now.</summary>
public enum TaskTrigger
{
    /// <summary>draft → pending.</summary>
    Publish,

    /// <summary>pending → running; the actor becomes the owner.</summary>
    Take,

    /// <summary>running → done, by the owner, with an optional result.</summary>
    Complete,

    /// <summary>running → failed, by the owner, with a reason.</summary>
    Fail,

    /// <summary>running → pending, by the owner, who stops being the owner.</summary>
    Release,

    /// <summary>failed → pending; counts another attempt.</summary>
    Retry,

    /// <summary>running → pending, by the worker engine, after a failed attempt of an automated task that has attempts left; counts the attempt.</summary>
    Requeue,

    /// <summary>draft, pending or running → cancelled.</summary>
    Cancel,
}
