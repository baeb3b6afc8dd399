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

/// <summary>
/// One email. Bodies are plain text and, by Hearth's rule, content-free unless the person opted in. Headers are
/// extra header lines, such as RFC 8058's one-click unsubscribe.
/// </summary>
public sealed record MailMessageToSend(string To, string Subject, string Body, IReadOnlyDictionary<string, string>? Headers = null);

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

/// <summary>Hands one message to the SMTP server (or the pickup folder); throws if it was not accepted.</summary>
public sealed class MailTransport(IOptions<MailOptions> options)
{
    public async Task SendAsync(MailMessageToSend message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mail = new MailMessage(settings.From, message.To, message.Subject, message.Body)
        {
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in message.Headers ?? new Dictionary<string, string>())
        {
            mail.Headers.Add(name, value);
        }

        using var client = string.IsNullOrWhiteSpace(settings.SmtpHost)
            ? PickupClient(settings)
            : new SmtpClient(settings.SmtpHost, settings.SmtpPort)
            {
                EnableSsl = settings.SmtpSsl,
                Credentials = settings.SmtpUser is null ? null : new System.Net.NetworkCredential(settings.SmtpUser, settings.SmtpPassword),
            };
        await client.SendMailAsync(mail, cancellationToken);
    }

    /// <summary>What a failed send throws: the server refused, could not be reached, or the folder could not be written.</summary>
    public static bool IsDeliveryFailure(Exception e) => e is SmtpException or IOException or InvalidOperationException;

    private static SmtpClient PickupClient(MailOptions settings)
    {
        // Relative to the working directory, like the SQLite database beside it.
        var folder = Path.GetFullPath(settings.PickupFolder);
        Directory.CreateDirectory(folder);
        return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = folder };
    }
}

internal sealed partial class MailDelivery(Mailer mailer, MailTransport transport, ILogger<MailDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in mailer.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await transport.SendAsync(message, stoppingToken);
            }
            catch (Exception e) when (MailTransport.IsDeliveryFailure(e))
            {
                // The address is personal data: log that a message failed, never to whom.
                LogFailed(e.GetType().Name);
            }
        }
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
        builder.Services.AddSingleton<MailTransport>();
        builder.Services.AddHostedService<MailDelivery>();
        return builder;
    }
}
