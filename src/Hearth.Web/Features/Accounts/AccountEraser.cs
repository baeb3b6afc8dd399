using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Erases accounts whose grace period has ended: each feature's <see cref="IPersonalData.EraseAsync"/>, then the
/// account row (sessions, security events, roles, passkeys and tokens go with it). Idempotent, so several nodes
/// or a restart never erase twice or skip one: an account is gone, or still due and erased next time.
/// </summary>
public sealed partial class AccountEraser(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AccountOptions> options, ILogger<AccountEraser> logger) : BackgroundService
{
    public async Task<int> EraseDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HearthUser>>();
        var parts = scope.ServiceProvider.GetServices<IPersonalData>().ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Users.Where(u => u.DeletionDueAt != null && u.DeletionDueAt <= now).Select(u => u.Id).ToListAsync(cancellationToken);
        var erased = 0;
        foreach (var id in due)
        {
            var user = await users.FindByIdAsync(id);
            if (user?.DeletionDueAt is null || user.DeletionDueAt > now)
            {
                continue;
            }

            foreach (var part in parts)
            {
                await part.EraseAsync(id, user.DeletionErasesContributions, cancellationToken);
            }

            var result = await users.DeleteAsync(user);
            if (result.Succeeded)
            {
                erased++;
                LogErased(id);
            }
        }

        return erased;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ErasureInterval, clock);
        do
        {
            try
            {
                await EraseDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased account {UserId} after its grace period")]
    private partial void LogErased(string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasing due accounts failed ({Error}); trying again next round")]
    private partial void LogFailed(string error);
}
