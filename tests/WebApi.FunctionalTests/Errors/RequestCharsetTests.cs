using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Errors;

/// <summary>A JSON body in a charset nobody knows is refused as an unsupported media type, not a server error.</summary>
public sealed class RequestCharsetTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Theory]
    [InlineData("no-such-charset")]
    [InlineData("\"\"")]
    public async Task UnknownCharset_Answers415Problem_AndCreatesNothing(string charset)
    {
        var user = await SignUpAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"title":"In an unknown charset"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

        await Problem.AssertAsync(await user.Client.PostAsync("/api/v1/tasks", content), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

        var list = await user.Client.GetStringAsync("/api/v1/tasks");
        Assert.DoesNotContain("In an unknown charset", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownCharsetOtherThanUtf8_IsRead()
    {
        var user = await SignUpAsync();
        var content = new ByteArrayContent(Encoding.Unicode.GetBytes("""{"title":"In UTF-16"}"""));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-16" };

        var response = await user.Client.PostAsync("/api/v1/tasks", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
