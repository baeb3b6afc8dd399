using System.Data.Common;
using Hearth.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Hearth.Web.Features.Operations;

/// <summary>
/// Writes many rows of one entity type fast, inside the context's current transaction, with every column the model
/// maps (explicit keys included) and the model's own value conversions: on PostgreSQL with binary <c>COPY</c>, on
/// SQLite with one prepared <c>INSERT</c> run per row. For the benchmark network generator only; the app itself
/// writes through EF.
/// </summary>
internal sealed class BulkInsert(HearthDb db)
{
    private sealed record Column(string Name, Func<object, object?> Read);

    /// <summary>The tables written so far, for <see cref="FinishAsync"/>.</summary>
    private readonly List<string> tables = [];

    public async Task<int> WriteAsync<T>(IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => Describe(p, store)).ToList();
        tables.Add(table);
        return db.Database.IsNpgsql()
            ? Copy(table, columns, rows, cancellationToken)
            : await InsertAsync(table, columns, rows, cancellationToken);
    }

    /// <summary>
    /// After explicit keys, PostgreSQL's identity sequences start past the largest key again; then both engines
    /// gather the planner's statistics, as a running installation's maintenance would have.
    /// </summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            foreach (var table in tables.Distinct(StringComparer.Ordinal))
            {
                var key = db.Model.GetEntityTypes().First(e => e.GetTableName() == table).FindPrimaryKey()!.Properties;
                if (key is [{ ClrType: var type }] && type == typeof(int))
                {
                    // The table's name comes from the model, never from input.
                    var restart = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"{table}\"), false)";
                    await db.Database.ExecuteSqlRawAsync(restart, cancellationToken);
                }
            }
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
    }

    private static Column Describe(IProperty property, StoreObjectIdentifier store)
    {
        var getter = property.GetGetter();
        var converter = property.GetTypeMapping().Converter;
        return new Column(property.GetColumnName(store)!, entity =>
        {
            var value = getter.GetClrValueUsingContainingEntity(entity);
            return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
        });
    }

    /// <summary>Synchronous: millions of values go through the importer's buffer, and an await for each costs more than the copy.</summary>
    private int Copy<T>(string table, List<Column> columns, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var count = 0;
        using var writer = connection.BeginBinaryImport(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)");
        // Millions of rows (each checked against its foreign keys) outlast the default 30 seconds.
        writer.Timeout = db.Database.GetCommandTimeout() is { } seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.StartRow();
            foreach (var column in columns)
            {
                Write(writer, column.Read(row));
            }

            count++;
        }

        writer.Complete();
        return count;
    }

    private static void Write(NpgsqlBinaryImporter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(); break;
            case string s: writer.Write(s, NpgsqlDbType.Text); break;
            case int i: writer.Write(i, NpgsqlDbType.Integer); break;
            case long l: writer.Write(l, NpgsqlDbType.Bigint); break;
            case bool b: writer.Write(b, NpgsqlDbType.Boolean); break;
            case double d: writer.Write(d, NpgsqlDbType.Double); break;
            case DateTime t: writer.Write(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlDbType.TimestampTz); break;
            case DateTimeOffset t: writer.Write(t.ToUniversalTime(), NpgsqlDbType.TimestampTz); break;
            case DateOnly d: writer.Write(d, NpgsqlDbType.Date); break;
            case TimeOnly t: writer.Write(t, NpgsqlDbType.Time); break;
            default: throw new NotSupportedException($"No COPY mapping for {value.GetType().Name}.");
        }
    }

    private async Task<int> InsertAsync<T>(string table, List<Column> columns, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkInsert writes inside a transaction.");
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => AddParameter(command, $"$p{i}")).ToArray();
        await command.PrepareAsync(cancellationToken);
        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = columns[i].Read(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }

        return count;
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
