using System.Text;
using TaskOrchestration.Domain.Webhooks;
using TaskOrchestration.Infrastructure.Webhooks;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Webhooks;

/// <summary>The signer against signatures computed elsewhere: the Standard Webhooks reference vector, and the example of docs/events.md.</summary>
public sealed class WebhookSignatureTests
{
    /// <summary>The example docs/events.md walks through (computed there with Python's hmac module).</summary>
    public const string DocumentedSecret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string DocumentedId = "0193a4c2-7f1e-7b3a-9c1d-2f6a8e4b5c7d";
    public const long DocumentedTimestamp = 1796223846;
    public const string DocumentedBody = """{"id":"0193a4c2-7f1e-7b3a-9c1d-2f6a8e4b5c7d","version":1,"type":"taskCompleted","occurredAt":"2026-12-02T15:04:05.123+00:00","taskId":"0193a4c2-6a00-7d2e-8f11-0b9c3e5a7d21","actor":{"id":"00000000-0000-0000-0000-0000000e0001","kind":"engine"},"data":{"from":"running","to":"done","trigger":"complete","reason":null,"result":"42"}}""";
    public const string DocumentedSignature = "v1,07Xd1en19avMmwMCJUUYBXYLQuNJymcydGcmHQYCQkA=";

    [Fact]
    public void TheStandardWebhooksReferenceVector_IsSignedAsTheSpecificationSigns() =>
        Assert.Equal(
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            WebhookSignature.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("""{"test": 2432232314}"""), [WebhookSecret.From("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]));

    [Fact]
    public void TheDocumentedExample_IsWhatTheSenderSigns() =>
        Assert.Equal(DocumentedSignature, WebhookSignature.Sign(DocumentedId, DocumentedTimestamp, Encoding.UTF8.GetBytes(DocumentedBody), [WebhookSecret.From(DocumentedSecret)]));

    [Fact]
    public void SeveralSecrets_GiveSpaceSeparatedSignatures_InTheirOrder()
    {
        var other = WebhookSecret.Generate();
        var body = Encoding.UTF8.GetBytes(DocumentedBody);

        var header = WebhookSignature.Sign(DocumentedId, DocumentedTimestamp, body, [WebhookSecret.From(DocumentedSecret), other]);

        Assert.Equal($"{DocumentedSignature} {WebhookSignature.Sign(DocumentedId, DocumentedTimestamp, body, [other])}", header);
    }
}
