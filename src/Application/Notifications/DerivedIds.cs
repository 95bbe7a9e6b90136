using System.Security.Cryptography;
using System.Text;

namespace TaskOrchestration.Application.Notifications;

/// <summary>
/// Ids computed from what they identify, so that doing the same work twice produces the same id and the database's
/// unique keys refuse the second copy: name-based UUIDs (version 8 with SHA-256, RFC 9562 appendix B.2).
/// </summary>
public static class DerivedIds
{
    /// <summary>The id (and Message-Id) of the email that tells <paramref name="recipientId"/> of <paramref name="eventId"/>.</summary>
    public static Guid Email(Guid eventId, Guid recipientId) => FromName($"taskorchestration:email:{eventId:D}:{recipientId:D}");

    /// <summary>The event id of the daily summaries of the slot due at <paramref name="slot"/>: one per person per slot.</summary>
    public static Guid DailySummary(DateTimeOffset slot) =>
        FromName($"taskorchestration:daily-summary:{slot.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>
    /// The id of the email that tells <paramref name="userId"/> someone tried to register their address on
    /// <paramref name="day"/>: at most one such email a day, however often it is tried.
    /// </summary>
    public static Guid RegistrationAttemptEmail(Guid userId, DateOnly day) =>
        FromName($"taskorchestration:registration-attempt:{userId:D}:{day.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}");

    private static Guid FromName(string name)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
