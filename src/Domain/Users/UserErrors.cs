using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Users;

public static class UserErrors
{
    public static readonly DomainError InvalidEmail =
        new("invalid_email", "The email address is not valid.", ErrorKind.Validation);

    public static readonly DomainError InvalidDisplayName =
        new("invalid_display_name", $"The display name must be 1 to {User.DisplayNameMaxLength} characters.", ErrorKind.Validation);
}
