using Hearth.Web.Data;
using Microsoft.Data.Sqlite;

namespace Hearth.Tests.Features.Operations;

/// <summary>backup copies the embedded SQLite database, so these run on SQLite whichever engine the suite is on.</summary>
[Trait("Provider", "Sqlite")]
public sealed class BackupTests
{
    [Fact]
    public async Task Backup_writes_a_copy_that_restores_by_copying_it_back()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = HearthProcess.Using(database.Options);
        Assert.Equal(0, (await HearthProcess.RunAsync(settings, "seed-demo")).ExitCode);
        var folder = Directory.CreateTempSubdirectory("hearth-backup-");
        try
        {
            var backup = Path.Combine(folder.FullName, "hearth-backup.db");

            var result = await HearthProcess.RunAsync(settings, "backup", backup);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains(backup, result.Output, StringComparison.Ordinal);
            var restored = Path.Combine(folder.FullName, "restored.db");
            File.Copy(backup, restored);
            Assert.Equal(await CountGroupsAsync(database.Options.ConnectionString), await CountGroupsAsync($"Data Source={restored}"));
            var restart = await HearthProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Hearth"] = $"Data Source={restored}" }, "migrate");
            Assert.True(restart.ExitCode == 0, restart.Error);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Backup_refuses_to_overwrite_an_existing_file_and_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var existing = Path.GetTempFileName();
        await File.WriteAllTextAsync(existing, "precious");
        try
        {
            var result = await HearthProcess.RunAsync(HearthProcess.Using(database.Options), "backup", existing);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("already exists; backup never overwrites a file", result.Error, StringComparison.Ordinal);
            Assert.Equal("precious", await File.ReadAllTextAsync(existing));
        }
        finally
        {
            File.Delete(existing);
        }
    }

    [Fact]
    public async Task Backup_to_an_unwritable_path_refuses_with_a_clear_message()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var target = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "backup.db");

        var result = await HearthProcess.RunAsync(HearthProcess.Using(database.Options), "backup", target);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Cannot write the backup", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Backup_without_a_file_name_prints_usage()
    {
        var result = await HearthProcess.RunAsync(new Dictionary<string, string>(), "backup");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("backup needs one argument", result.Error, StringComparison.Ordinal);
    }

    private static async Task<long> CountGroupsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Groups\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
