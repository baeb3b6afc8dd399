using System.Net.Sockets;
using Hearth.Web.Features.Demo;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hearth.Web.Data;

/// <summary>
/// Brings the database to the schema this Hearth expects before any request is served. Every problem an
/// operator can fix becomes a <see cref="HearthStartupException"/> within <see cref="Limit"/>, never a hang.
/// </summary>
public static class DatabaseStartup
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(25);

    public static async Task PrepareAsync(IServiceProvider services, bool seedDemoWhenEmpty, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        try
        {
            var options = services.GetRequiredService<DatabaseOptions>();
            await EnsureReachableAsync(options, timeout.Token);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HearthDb>();
            await using (await TakeTurnAsync(options, timeout.Token))
            {
                await MigrateAsync(db, options, timeout.Token);
                EnsureKey(scope.ServiceProvider);
            }

            if (seedDemoWhenEmpty)
            {
                await scope.ServiceProvider.GetRequiredService<DemoSeed>().SeedIfEmptyAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HearthStartupException(
                $"The database did not answer within {Limit.TotalSeconds:0} seconds; check ConnectionStrings:Hearth and that the database server is running.");
        }
    }

    public static async Task MigrateAsync(HearthDb db, DatabaseOptions options, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        var newer = applied.Where(m => !known.Contains(m)).ToList();
        if (newer.Count > 0)
        {
            throw new HearthStartupException(
                $"This database was migrated by a newer version of Hearth (it has migration {newer[^1]}); run that version or newer, or set ConnectionStrings:Hearth to another database.");
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers carry on while one writer writes; it is stored in the file, so once is enough.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL;";
                await command.ExecuteScalarAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Nodes starting together take turns to migrate and to make the first Data Protection key: EF reads the applied
    /// migrations once and then applies the rest one transaction at a time, so two nodes at once would apply the same
    /// migration twice (one fails), and two nodes finding no key would each make one. On PostgreSQL the turn is a
    /// session advisory lock, released when the connection closes. SQLite nodes share one machine, so there the turn
    /// is an exclusive lock on a file beside the database (<c>hearth.db.startup</c>), released when it is closed.
    /// </summary>
    private static async Task<IAsyncDisposable> TakeTurnAsync(DatabaseOptions options, CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var file = SqliteFile(options.ConnectionString);
            return file is null ? NoTurn.Instance : await TakeFileTurnAsync(file + ".startup", cancellationToken);
        }

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock})", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private static async Task<IAsyncDisposable> TakeFileTurnAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock on the open file, refused to every other opener (this process too).
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException) when (File.Exists(path))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    /// <summary>The full path of the SQLite database file, or null for an in-memory database.</summary>
    private static string? SqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:"
            ? null
            : Path.GetFullPath(builder.DataSource);
    }

    /// <summary>An arbitrary number that names Hearth's start-up turn among PostgreSQL's advisory locks.</summary>
    private const long StartupLock = 4_832_270_317;

    private sealed class NoTurn : IAsyncDisposable
    {
        public static readonly NoTurn Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Makes the Data Protection key every node will use, unless a usable one is already stored.</summary>
    private static void EnsureKey(IServiceProvider services)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
        {
            keys.CreateNewKey(now, now + services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime);
        }
    }

    private static Task EnsureReachableAsync(DatabaseOptions options, CancellationToken cancellationToken) =>
        options.Provider == DatabaseProvider.Postgres
            ? EnsurePostgresReachableAsync(options.ConnectionString, cancellationToken)
            : Task.Run(() => EnsureSqliteFolderWritable(options.ConnectionString), cancellationToken);

    private static void EnsureSqliteFolderWritable(string connectionString)
    {
        if (SqliteFile(connectionString) is not { } file)
        {
            return;
        }

        var folder = Path.GetDirectoryName(file) ?? ".";
        try
        {
            Directory.CreateDirectory(folder);
            using var probe = new FileStream(
                Path.Combine(folder, $".hearth-write-check-{Guid.NewGuid():N}"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HearthStartupException(
                $"Hearth cannot write to the data folder {folder} ({OneLine(e.Message)}); set ConnectionStrings:Hearth to a writable place, for example \"Data Source=/var/lib/hearth/hearth.db\".", e);
        }
    }

    private static async Task EnsurePostgresReachableAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new HearthStartupException($"ConnectionStrings:Hearth is not a valid PostgreSQL connection string ({OneLine(e.Message)}).", e);
        }

        builder.Timeout = Math.Min(builder.Timeout, 15);
        var where = $"{builder.Host}:{builder.Port}";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new HearthStartupException(
                $"The PostgreSQL database \"{builder.Database}\" does not exist at {where}; create it (createdb {builder.Database}) or change ConnectionStrings:Hearth.", e);
        }
        catch (PostgresException e)
        {
            throw new HearthStartupException(
                $"PostgreSQL at {where} refused the connection ({OneLine(e.MessageText)}); check the user and password in ConnectionStrings:Hearth.", e);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new HearthStartupException(
                $"Hearth cannot reach PostgreSQL at {where} ({OneLine(Innermost(e).Message)}); check ConnectionStrings:Hearth and that the server is running.", e);
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
