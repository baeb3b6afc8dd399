using Hearth.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hearth.Tests;

/// <summary>
/// A fresh, empty database of its own for one test class: a temporary SQLite file, or a new database on the
/// throwaway PostgreSQL cluster that test.sh starts. <c>HEARTH_TEST_PROVIDER</c> chooses; on PostgreSQL a
/// missing <c>HEARTH_TEST_POSTGRES</c> is a failure, never a skip.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<Task> drop;
    private readonly Func<Task> breakIt;

    private TestDatabase(DatabaseOptions options, Func<Task> drop, Func<Task> breakIt)
    {
        Options = options;
        this.drop = drop;
        this.breakIt = breakIt;
    }

    public static DatabaseProvider ProviderUnderTest =>
        string.Equals(Environment.GetEnvironmentVariable("HEARTH_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public DatabaseOptions Options { get; }

    public static Task<TestDatabase> CreateAsync() => CreateAsync(ProviderUnderTest);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "hearth-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "hearth.db");
            var options = new DatabaseOptions(provider, $"Data Source={file}");
            return new TestDatabase(
                options,
                () =>
                {
                    SqliteConnection.ClearAllPools();
                    Directory.Delete(folder, recursive: true);
                    return Task.CompletedTask;
                },
                () =>
                {
                    // A folder where the file was: SQLite can neither open nor recreate it.
                    SqliteConnection.ClearAllPools();
                    foreach (var path in Directory.GetFiles(folder))
                    {
                        File.Delete(path);
                    }

                    Directory.CreateDirectory(file);
                    return Task.CompletedTask;
                });
        }

        var admin = Environment.GetEnvironmentVariable("HEARTH_TEST_POSTGRES")
            ?? throw new InvalidOperationException("HEARTH_TEST_POSTGRES is not set: run the PostgreSQL suite through ./test.sh, which starts a cluster.");
        var name = $"hearth_test_{Guid.NewGuid():N}"[..28];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var database = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        async Task Drop()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var dropCommand = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await dropCommand.ExecuteNonQueryAsync();
        }

        return new TestDatabase(new DatabaseOptions(provider, database), Drop, Drop);
    }

    /// <summary>Makes the database unreachable for a running Hearth, as a crashed server or lost disk would.</summary>
    public Task MakeUnreachableAsync() => breakIt();

    public async ValueTask DisposeAsync() => await drop();
}
