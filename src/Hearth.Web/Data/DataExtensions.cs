using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Hearth.Web.Data;

public static class DataExtensions
{
    public static WebApplicationBuilder AddHearthData(this WebApplicationBuilder builder)
    {
        // Read lazily so that test hosts and command-line overrides are seen; a bad setting surfaces in DatabaseStartup.
        builder.Services.AddSingleton(sp => DatabaseOptions.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddDbContextPool<HearthDb>((sp, options) => options.UseHearthDatabase(sp.GetRequiredService<DatabaseOptions>()));
        return builder;
    }

    public static DbContextOptionsBuilder UseHearthDatabase(this DbContextOptionsBuilder options, DatabaseOptions database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(WithSqliteDefaults(database.ConnectionString));
                options.AddInterceptors(new SqlitePragmas());
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(WithPostgresDefaults(database.ConnectionString));
                break;
            default:
                throw new HearthStartupException($"Database:Provider {database.Provider} is not supported; set it to Sqlite or Postgres.");
        }

        // Migrations are written by hand (no design-time package here); MigrationTests prove they match the model.
        return options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// Npgsql prepares a statement on the server once it has been run twice on a connection, for up to 64 statements
    /// a connection, so that PostgreSQL parses and plans Hearth's few dozen queries once instead of on every request
    /// (see docs/performance.md). An operator's own "Max Auto Prepare" is kept.
    /// </summary>
    private static string WithPostgresDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Replace(" ", "", StringComparison.Ordinal).Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ToString();
    }

    private static string WithSqliteDefaults(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Default Timeout", StringComparison.OrdinalIgnoreCase))
        {
            // Microsoft.Data.Sqlite retries a busy database until this many seconds pass.
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
