using System.Security.Cryptography;
using System.Text;
using Moq;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.UnitTests.Support;

/// <summary>A password hasher port whose hashes never contain the password, and that verifies only its own hashes.</summary>
internal static class FakePasswordHasher
{
    public static string HashOf(string password) => "fake-kdf$" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    public static Mock<IPasswordHasher> Create()
    {
        var hasher = new Mock<IPasswordHasher>();
        hasher.Setup(port => port.Hash(It.IsAny<string>())).Returns<string>(HashOf);
        hasher.Setup(port => port.Verify(It.IsAny<string?>(), It.IsAny<string>()))
            .Returns<string?, string>((hash, password) => hash is not null && hash == HashOf(password));
        return hasher;
    }
}
