using System.Data.Common;
using Hearth.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hearth.Tests.Data;

/// <summary>
/// A database's schema as sorted lines (tables, columns with type and nullability, keys, indexes, foreign
/// keys), read from the engine's own catalogue, so two databases can be compared line by line.
/// EF's own bookkeeping tables are left out.
/// </summary>
public static class Schema
{
    private const string SqliteQueries = """
        SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || CASE p."notnull" WHEN 1 THEN ' not null' ELSE ' null' END
               || ' default ' || COALESCE(p.dflt_value, '-') || ' pk ' || p.pk
        FROM sqlite_master m JOIN pragma_table_info(m.name) p
        WHERE m.type = 'table' AND m.name NOT LIKE '\_\_EF%' ESCAPE '\' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\';
        SELECT 'autoincrement ' || name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%' AND name NOT LIKE '\_\_EF%' ESCAPE '\';
        SELECT 'index ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE '\_\_EF%' ESCAPE '\';
        SELECT 'foreign key ' || m.name || ' ' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' on delete ' || f.on_delete
        FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table';
        """;

    private const string PostgresQueries = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || COALESCE('(' || character_maximum_length || ')', '')
               || ' ' || is_nullable || ' default ' || COALESCE(column_default, '-') || ' identity ' || COALESCE(identity_generation, '-')
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%';
        SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EF%';
        SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '"\_\_EF%';
        """;

    public static async Task<IReadOnlyList<string>> DescribeAsync(DatabaseOptions database)
    {
        await using DbConnection connection = database.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = database.Provider == DatabaseProvider.Postgres ? PostgresQueries : SqliteQueries;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }
        while (await reader.NextResultAsync());

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
