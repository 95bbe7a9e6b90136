namespace TaskOrchestration.Domain.Common;

/// <summary>What kind of rule a <see cref="DomainError"/> broke; the API maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The input breaks an invariant of the model (HTTP 400).</summary>
    Validation,

    /// <summary>The actor may not do this to this resource (HTTP 403).</summary>
    Forbidden,

    /// <summary>The resource's current state does not allow it (HTTP 409).</summary>
    Conflict,
}
