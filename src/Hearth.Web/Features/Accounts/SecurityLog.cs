using Hearth.Web.Data;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Records security events for the person's own activity page, and as structured logs that carry the
/// opaque account id and the kind of event only: never an email address, password, token or code.
/// </summary>
public sealed partial class SecurityLog(HearthDb db, IHttpContextAccessor http, TimeProvider clock, ILogger<SecurityLog> logger)
{
    public async Task RecordAsync(string userId, SecurityEventKind kind, string? detail = null, CancellationToken cancellationToken = default)
    {
        db.SecurityEvents.Add(new SecurityEvent
        {
            UserId = userId,
            Kind = kind,
            At = clock.GetUtcNow().UtcDateTime,
            Device = Device.Describe(http.HttpContext?.Request.Headers.UserAgent),
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
        LogEvent(kind, userId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Security event {Kind} for account {UserId}")]
    private partial void LogEvent(SecurityEventKind kind, string userId);
}
