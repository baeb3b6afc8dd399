using Hearth.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Demo;

/// <summary>
/// One feature's part of the demo network. Each feature adds its own part and registers it with
/// <see cref="DemoExtensions.AddDemoData{T}"/>, so a newcomer always meets a populated Hearth.
/// </summary>
public interface IDemoData
{
    /// <summary>Lower runs first: later parts build on earlier ones (people, then groups, then meetings).</summary>
    int Order { get; }

    Task AddAsync(HearthDb db, CancellationToken cancellationToken);
}

/// <summary>Fills an empty database with the demo network, all parts in one transaction.</summary>
public sealed partial class DemoSeed(HearthDb db, IEnumerable<IDemoData> parts, ILogger<DemoSeed> logger)
{
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        !await db.Groups.AnyAsync(cancellationToken);

    /// <returns>False, changing nothing, when the database already holds a network.</returns>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!await IsEmptyAsync(cancellationToken))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ordered = parts.OrderBy(p => p.Order).ToList();
        foreach (var part in ordered)
        {
            await part.AddAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogSeeded(ordered.Count);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo network from {PartCount} parts")]
    private partial void LogSeeded(int partCount);
}

public static class DemoExtensions
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DemoSeed>();
        return builder;
    }

    public static IServiceCollection AddDemoData<T>(this IServiceCollection services)
        where T : class, IDemoData => services.AddScoped<IDemoData, T>();
}
