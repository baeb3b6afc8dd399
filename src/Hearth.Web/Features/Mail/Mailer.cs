using System.Net.Mail;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Mail;

public sealed class MailOptions
{
    /// <summary>SMTP server; empty means "write .eml files to <see cref="PickupFolder"/>" (Development).</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public bool SmtpSsl { get; set; } = true;

    public string PickupFolder { get; set; } = "data/mail";

    public string From { get; set; } = "Hearth <no-reply@hearth.invalid>";

    /// <summary>The public address of this Hearth, for links in emails, e.g. https://hearth.example.org.</summary>
    public string? BaseUrl { get; set; }
}

/// <summary>One email. Bodies are plain text and, by Hearth's rule, content-free unless the person opted in.</summary>
public sealed record MailMessageToSend(string To, string Subject, string Body);

/// <summary>
/// Queues email to be sent in the background, so that a page answers in the same time whether or not it
/// sent anything (a person cannot tell from timing whether an address has an account).
/// </summary>
public sealed class Mailer
{
    private readonly Channel<MailMessageToSend> queue = Channel.CreateUnbounded<MailMessageToSend>();

    public void Send(MailMessageToSend message) => queue.Writer.TryWrite(message);

    internal ChannelReader<MailMessageToSend> Reader => queue.Reader;
}

internal sealed partial class MailDelivery(Mailer mailer, IOptions<MailOptions> options, ILogger<MailDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in mailer.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await DeliverAsync(message, stoppingToken);
            }
            catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException)
            {
                // The address is personal data: log that a message failed, never to whom.
                LogFailed(e.GetType().Name);
            }
        }
    }

    private async Task DeliverAsync(MailMessageToSend message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mail = new MailMessage(settings.From, message.To, message.Subject, message.Body)
        {
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
        };
        using var client = string.IsNullOrWhiteSpace(settings.SmtpHost)
            ? PickupClient(settings)
            : new SmtpClient(settings.SmtpHost, settings.SmtpPort)
            {
                EnableSsl = settings.SmtpSsl,
                Credentials = settings.SmtpUser is null ? null : new System.Net.NetworkCredential(settings.SmtpUser, settings.SmtpPassword),
            };
        await client.SendMailAsync(mail, cancellationToken);
    }

    private static SmtpClient PickupClient(MailOptions settings)
    {
        // Relative to the working directory, like the SQLite database beside it.
        var folder = Path.GetFullPath(settings.PickupFolder);
        Directory.CreateDirectory(folder);
        return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = folder };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An email could not be delivered ({Error})")]
    private partial void LogFailed(string error);
}

public static class MailExtensions
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection("Hearth:Mail"));
        builder.Services.AddSingleton<Mailer>();
        builder.Services.AddHostedService<MailDelivery>();
        return builder;
    }
}
