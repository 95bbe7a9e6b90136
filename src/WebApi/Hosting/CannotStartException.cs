namespace TaskOrchestration.WebApi.Hosting;

/// <summary>
/// A setting that keeps the host from starting. Its message is one sentence for the operator: what is wrong and which
/// setting to change. Program prints it as one line and exits non-zero, without a stack trace (nothing in the code is
/// wrong).
/// </summary>
internal sealed class CannotStartException(string message) : Exception(message);
