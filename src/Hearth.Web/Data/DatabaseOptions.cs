namespace Hearth.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which engine holds Hearth's data: <c>Database:Provider</c> and <c>ConnectionStrings:Hearth</c>.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=data/hearth.db";

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var providerName = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerName))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerName, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new HearthStartupException(
                $"Database:Provider is \"{providerName}\"; set it to Sqlite or Postgres.");
        }

        var connectionString = configuration.GetConnectionString("Hearth");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new HearthStartupException(
                    "Database:Provider is Postgres but ConnectionStrings:Hearth is empty; set it to the PostgreSQL connection string.");
            }

            connectionString = DefaultSqlite;
        }

        return new DatabaseOptions(provider, connectionString);
    }
}
