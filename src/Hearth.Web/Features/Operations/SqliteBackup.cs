using Hearth.Web.Data;
using Microsoft.Data.Sqlite;

namespace Hearth.Web.Features.Operations;

/// <summary>
/// An online copy of the embedded database through SQLite's backup API: consistent while Hearth keeps
/// serving, and restored by copying the file back in place of <c>hearth.db</c> while Hearth is stopped.
/// </summary>
public static class SqliteBackup
{
    public static async Task<string> RunAsync(DatabaseOptions database, string destination, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new HearthStartupException("backup copies the embedded SQLite database; with Database:Provider Postgres use pg_dump instead.");
        }

        var target = Path.GetFullPath(destination);
        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new HearthStartupException($"{target} already exists; backup never overwrites a file. Choose a new file name.");
        }

        try
        {
            // CreateNew claims the name atomically and proves the folder is writable before any work is done.
            await using (new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HearthStartupException($"Cannot write the backup to {target} ({e.Message.ReplaceLineEndings(" ").TrimEnd('.')}); choose a folder that exists and is writable.", e);
        }

        try
        {
            await using var source = new SqliteConnection(database.ConnectionString);
            await source.OpenAsync(cancellationToken);
            await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
            await copy.OpenAsync(cancellationToken);
            source.BackupDatabase(copy);
            await using var command = copy.CreateCommand();
            // A restored copy must be a single self-contained file.
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch
        {
            File.Delete(target);
            throw;
        }

        return target;
    }
}
