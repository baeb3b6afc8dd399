using Hearth.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Hearth.Tests.Data;

/// <summary>What Hearth adds to an operator's connection string, and what it leaves as the operator wrote it.</summary>
public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void PostgreSQL_statements_are_prepared_automatically_unless_the_operator_says_otherwise()
    {
        var plain = Used("Host=db.example;Database=hearth;Username=hearth");
        Assert.Equal(64, plain.MaxAutoPrepare);
        Assert.Equal(2, plain.AutoPrepareMinUsages);
        Assert.Equal("db.example", plain.Host);

        Assert.Equal(0, Used("Host=db.example;Database=hearth;Max Auto Prepare=0").MaxAutoPrepare);
        Assert.Equal(10, Used("Host=db.example;Database=hearth;MaxAutoPrepare=10").MaxAutoPrepare);
    }

    private static NpgsqlConnectionStringBuilder Used(string connectionString)
    {
        var options = new DbContextOptionsBuilder().UseHearthDatabase(new DatabaseOptions(DatabaseProvider.Postgres, connectionString)).Options;
        var relational = options.Extensions.OfType<RelationalOptionsExtension>().Single();
        return new NpgsqlConnectionStringBuilder(relational.ConnectionString);
    }
}
