using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.Email;

/// <summary>Email's registrations: its settings, the sender the settings choose, the queue, and the queue's sender.</summary>
public static class EmailServices
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .Validate(email => MailboxAddress.TryParse(email.From, out _), "Email:From must be an email address, or \"Name <address>\".")
            .Validate(email => email.Delivery != EmailDelivery.Smtp || !string.IsNullOrWhiteSpace(email.Smtp.Host), "Email:Smtp:Host is required when Email:Delivery is Smtp.")
            .Validate(email => email.BatchSize > 0 && email.MaxAttempts > 0, "Email:BatchSize and Email:MaxAttempts must be positive.")
            .Validate(email => email.Timeout > TimeSpan.Zero && email.PollInterval > TimeSpan.Zero, "Email:Timeout and Email:PollInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<PickupFolderEmailSender>();
        services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<IOptions<EmailOptions>>().Value.Delivery == EmailDelivery.Smtp
            ? provider.GetRequiredService<SmtpEmailSender>()
            : provider.GetRequiredService<PickupFolderEmailSender>());
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddSingleton<EmailOutboxStore>();
        services.AddSingleton<EmailOutboxSender>();
        return services;
    }
}
