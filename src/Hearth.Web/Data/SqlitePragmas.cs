using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hearth.Web.Data;

/// <summary>
/// Per-connection SQLite settings: NORMAL sync is safe under WAL and much faster than FULL; foreign keys are
/// per connection in SQLite; a writer that finds the database locked waits in SQLite's own busy handler (a few
/// milliseconds at a time) rather than failing to the driver, whose retries sleep far longer between tries.
/// WAL itself is a property of the file, set once by <see cref="DatabaseStartup"/>.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
