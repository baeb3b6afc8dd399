using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hearth.Tests.Data;

/// <summary>The hand-written migrations, proved against the model on whichever engine the suite runs on.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task A_fresh_database_migrates_to_exactly_the_schema_the_model_expects()
    {
        await using var migrated = await TestDatabase.CreateAsync();
        await using var fromModel = await TestDatabase.CreateAsync();
        await using (var db = Open(migrated.Options))
        {
            await DatabaseStartup.MigrateAsync(db, migrated.Options, CancellationToken.None);
        }

        await using (var db = Open(fromModel.Options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await Schema.DescribeAsync(fromModel.Options);
        var actual = await Schema.DescribeAsync(migrated.Options);

        Assert.Contains(expected, line => line.Contains("Groups", StringComparison.Ordinal));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_database_at_the_previous_migration_upgrades_with_its_data_intact()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = Open(database.Options);
        var migrations = db.Database.GetMigrations().ToList();
        Assert.True(migrations.Count >= 2, "There is no previous migration to upgrade from.");
        await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);

        // Rows written by the previous version, in every table it had. A new migration adds rows for the tables it changes.
        await db.Database.ExecuteSqlRawAsync("""INSERT INTO "DataProtectionKeys" ("FriendlyName", "Xml") VALUES ('key-2026', '<key id="a" />')""");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Groups" ("Slug", "Name", "Summary", "Town", "Latitude", "Longitude", "Format", "IsListed", "IsFacilitatedByNetwork")
            VALUES ('rhyl-voices', 'Rhyl Voices', 'Kept through the upgrade.', 'Rhyl', 53.3193, -3.4916, 'InPerson', TRUE, FALSE)
            """);

        var joined = new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "NormalizedDisplayName", "CreatedAt", "TermsAcceptedAt", "DeletionErasesContributions", "EmailsIncludeDetails", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ('kept-user', 'Kept', 'KEPT', {joined}, {joined}, {false}, {false}, {true}, {false}, {false}, {true}, {0})
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "GroupMembers" ("GroupId", "UserId", "Role", "JoinedAt", "AgreementVersionAccepted")
            SELECT "Id", 'kept-user', 'Organiser', {joined}, {1} FROM "Groups" WHERE "Slug" = 'rhyl-voices'
            """);

        await DatabaseStartup.MigrateAsync(db, database.Options, CancellationToken.None);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var kept = await db.Users.AsNoTracking().SingleAsync(u => u.Id == "kept-user");
        Assert.Equal(("Kept", joined), (kept.DisplayName, kept.CreatedAt));
        Assert.Equal((true, true), (kept.RemindDayBefore, kept.RemindHoursBefore));
        var key = await db.DataProtectionKeys.AsNoTracking().SingleAsync();
        Assert.Equal(("key-2026", "<key id=\"a\" />"), (key.FriendlyName, key.Xml));
        var group = await db.Groups.AsNoTracking().SingleAsync();
        Assert.Equal(("rhyl-voices", "Rhyl", 53.3193, GroupFormat.InPerson, true), (group.Slug, group.Town, group.Latitude!.Value, group.Format, group.IsListed));
        Assert.Equal((JoinPolicy.Open, "en", false), (group.JoinPolicy, group.Languages, group.AddressForMembersOnly));
        Assert.Null(group.Capacity);
        var member = await db.GroupMembers.AsNoTracking().SingleAsync();
        Assert.Equal(("kept-user", GroupRole.Organiser, joined, (DateTime?)null), (member.UserId, member.Role, member.JoinedAt, member.BreakUntil));
        db.Users.Add(new HearthUser { UserName = "new@example.invalid", DisplayName = "After the upgrade", NormalizedDisplayName = "AFTER THE UPGRADE" });
        await db.SaveChangesAsync();
        Assert.Equal("After the upgrade", (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "new@example.invalid")).DisplayName);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = Open(database.Options);
        await DatabaseStartup.MigrateAsync(db, database.Options, CancellationToken.None);
        var once = await Schema.DescribeAsync(database.Options);

        await DatabaseStartup.MigrateAsync(db, database.Options, CancellationToken.None);

        Assert.Equal(once, await Schema.DescribeAsync(database.Options));
    }

    internal static HearthDb Open(DatabaseOptions options) =>
        new(((DbContextOptionsBuilder<HearthDb>)new DbContextOptionsBuilder<HearthDb>()
            .UseHearthDatabase(options)
            .UseApplicationServiceProvider(AccountsExtensions.IdentityModelServices)).Options);
}
