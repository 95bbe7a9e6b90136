using Microsoft.Extensions.DependencyInjection;
using Moq;
using TaskOrchestration.Application.Common.DatabaseFailures;
using TaskOrchestration.Application.Common.Idempotency;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Registration;

/// <summary>A container as a host builds it: logging, AddApplication, and every port the application needs, mocked.</summary>
internal static class ApplicationServices
{
    public static ServiceProvider Build(
        Actor? actor = null,
        ITaskRepository? tasks = null,
        IUnitOfWork? unitOfWork = null,
        IUserRepository? users = null,
        IIdempotencyStore? idempotencyStore = null,
        IDatabaseFailureClassifier? databaseFailures = null) =>
        new ServiceCollection()
            .AddLogging()
            .AddApplication()
            .AddSingleton(tasks ?? Mock.Of<ITaskRepository>())
            .AddSingleton(users ?? Mock.Of<IUserRepository>())
            .AddSingleton(Mock.Of<ITeamRepository>())
            .AddSingleton(Mock.Of<ICommentRepository>())
            .AddSingleton(Mock.Of<IRefreshTokenRepository>())
            .AddSingleton(unitOfWork ?? Mock.Of<IUnitOfWork>())
            .AddSingleton(Mock.Of<IPasswordHasher>())
            .AddSingleton(Mock.Of<IAccessTokenIssuer>())
            .AddSingleton(Mock.Of<IEngineMonitor>())
            .AddSingleton(Mock.Of<IEngineSettings>())
            .AddSingleton(idempotencyStore ?? Mock.Of<IIdempotencyStore>())
            .AddSingleton(databaseFailures ?? Mock.Of<IDatabaseFailureClassifier>())
            .AddSingleton(Mock.Of<IOutboxAdministration>())
            .AddSingleton(Mock.Of<INotificationRepository>())
            .AddSingleton(Mock.Of<INotificationPreferenceRepository>())
            .AddSingleton(Mock.Of<INotificationAudience>())
            .AddSingleton(Mock.Of<IDailySummaryReader>())
            .AddSingleton(Mock.Of<IEmailOutbox>())
            .AddSingleton(Mock.Of<TaskOrchestration.Application.Common.Realtime.ILiveNotifications>())
            .AddSingleton(Mock.Of<IWebhookSubscriptionRepository>())
            .AddSingleton(Mock.Of<IWebhookDeliveryRepository>())
            .AddSingleton(Mock.Of<IWebhookDestinationPolicy>())
            .AddSingleton(Mock.Of<IScheduleMonitor>())
            .AddSingleton(Mock.Of<IRetentionStore>())
            .AddSingleton(SignedIn(actor ?? Alice))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
}
