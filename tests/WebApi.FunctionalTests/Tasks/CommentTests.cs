using System.Net;
using TaskOrchestration.Application.Comments;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class CommentTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Comments_AreWrittenEditedAndDeleted_AndTheHistoryKeepsATombstone()
    {
        var author = await SignUpAsync();
        var manager = await SignUpAsync("manager");
        var task = await CreateTaskAsync(author);

        var created = await author.Client.PostAsync($"/api/v1/tasks/{task.Id}/comments", Json.Body(new { body = "  First thought  " }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var comment = await created.ReadAsync<CommentDto>();
        Assert.Equal(("First thought", false, author.Id), (comment.Body, comment.Edited, comment.AuthorId));

        var edited = await (await author.Client.PatchAsync($"/api/v1/tasks/{task.Id}/comments/{comment.Id}", Json.Body(new { body = "Second thought" }))).ReadAsync<CommentDto>();
        Assert.Equal(("Second thought", true), (edited.Body, edited.Edited));

        await author.Client.PostAsync($"/api/v1/tasks/{task.Id}/comments", Json.Body(new { body = "Another" }));
        Assert.Equal(HttpStatusCode.NoContent, (await manager.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/comments/{comment.Id}")).StatusCode);

        var remaining = await (await author.Client.GetAsync($"/api/v1/tasks/{task.Id}/comments")).ReadAsync<PagedList<CommentDto>>();
        Assert.Equal(["Another"], remaining.Items.Select(item => item.Body));
        var history = await (await author.Client.GetAsync($"/api/v1/tasks/{task.Id}/history")).ReadAsync<PagedList<TaskHistoryEntryDto>>();
        Assert.Equal(
            [TaskHistoryKind.Commented, TaskHistoryKind.CommentEdited, TaskHistoryKind.Commented, TaskHistoryKind.CommentDeleted],
            history.Items.Select(entry => entry.Kind));
        Assert.Equal(manager.Id, history.Items[^1].ActorId);
    }

    [Fact]
    public async Task OnlyTheAuthorEdits_AndOthersCannotDelete()
    {
        var author = await SignUpAsync();
        var other = await SignUpAsync();
        var task = await CreateTaskAsync(author);
        var comment = await (await author.Client.PostAsync($"/api/v1/tasks/{task.Id}/comments", Json.Body(new { body = "Mine" }))).ReadAsync<CommentDto>();

        await Problem.AssertAsync(await other.Client.PatchAsync($"/api/v1/tasks/{task.Id}/comments/{comment.Id}", Json.Body(new { body = "Hijacked" })), HttpStatusCode.Forbidden, "not_author");
        await Problem.AssertAsync(await other.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/comments/{comment.Id}"), HttpStatusCode.Forbidden, "not_author_or_moderator");
        Assert.Equal(HttpStatusCode.NoContent, (await author.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/comments/{comment.Id}")).StatusCode);
        await Problem.AssertAsync(await author.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/comments/{comment.Id}"), HttpStatusCode.Conflict, "comment_deleted");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task EmptyComments_Answer400(string body)
    {
        var author = await SignUpAsync();
        var task = await CreateTaskAsync(author);

        var problem = await Problem.AssertAsync(await author.Client.PostAsync($"/api/v1/tasks/{task.Id}/comments", Json.Body(new { body })), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("body", problem.Errors.Keys);
    }

    [Fact]
    public async Task ACommentOfAnotherTask_IsNotFound()
    {
        var author = await SignUpAsync();
        var first = await CreateTaskAsync(author);
        var second = await CreateTaskAsync(author);
        var comment = await (await author.Client.PostAsync($"/api/v1/tasks/{first.Id}/comments", Json.Body(new { body = "Here" }))).ReadAsync<CommentDto>();

        await Problem.AssertAsync(await author.Client.PatchAsync($"/api/v1/tasks/{second.Id}/comments/{comment.Id}", Json.Body(new { body = "There" })), HttpStatusCode.NotFound, "not_found");
    }
}
