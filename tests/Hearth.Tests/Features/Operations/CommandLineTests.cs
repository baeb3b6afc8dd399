using Hearth.Tests.Data;
using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Discussion;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Operations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Operations;

/// <summary>The operator commands of the one executable, run as real processes on the engine under test.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Migrate_brings_an_empty_database_up_to_date()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await HearthProcess.RunAsync(HearthProcess.Using(database.Options), "migrate");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("The database is up to date.", result.Output, StringComparison.Ordinal);
        await using var db = MigrationTests.Open(database.Options);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Groups.CountAsync());
    }

    [Fact]
    public async Task Seed_demo_fills_an_empty_database_once_and_then_refuses_changing_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = HearthProcess.Using(database.Options);

        var first = await HearthProcess.RunAsync(settings, "seed-demo");
        int groups;
        await using (var db = MigrationTests.Open(database.Options))
        {
            groups = await db.Groups.CountAsync();
        }

        var second = await HearthProcess.RunAsync(settings, "seed-demo");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(groups >= 7, $"Only {groups} demo groups.");
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Nothing was changed", second.Error, StringComparison.Ordinal);
        await using (var db = MigrationTests.Open(database.Options))
        {
            Assert.Equal(groups, await db.Groups.CountAsync());
        }
    }

    [Theory]
    [InlineData("generate-groups")]
    [InlineData("generate-groups", "0")]
    [InlineData("generate-groups", "twenty")]
    [InlineData("generate-groups", "-5")]
    [InlineData("generate-groups", "1000001")]
    [InlineData("generate-groups", "10", "20")]
    public async Task Generate_groups_without_one_sensible_count_says_how_and_writes_nothing(params string[] arguments)
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await HearthProcess.RunAsync(HearthProcess.Using(database.Options), arguments);

        Assert.Equal(2, result.ExitCode);
        AssertOneClearLine(result, "generate-groups needs one whole number of groups from 1 to", "generate-groups 20000");
        await using var db = MigrationTests.Open(database.Options);
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Generate_groups_fills_once_refuses_a_second_time_and_replaces_only_when_told()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = HearthProcess.Using(database.Options);

        var first = await HearthProcess.RunAsync(settings, "generate-groups", "40");
        List<string> slugs;
        await using (var db = MigrationTests.Open(database.Options))
        {
            slugs = await db.Groups.OrderBy(g => g.Slug).Select(g => g.Slug).ToListAsync();
            Assert.True(await db.Groups.AllAsync(g => g.Topics != "" && (g.Format == GroupFormat.Online || g.Latitude != null)), "A generated group has no topic, or meets in person with no place.");
        }

        var again = await HearthProcess.RunAsync(settings, "generate-groups", "5");
        int afterRefusal;
        await using (var db = MigrationTests.Open(database.Options))
        {
            afterRefusal = await db.Groups.CountAsync();
        }

        var replaced = await HearthProcess.RunAsync(settings, "generate-groups", "7", "--replace");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Generated 40 groups", first.Output, StringComparison.Ordinal);
        Assert.Equal(40, slugs.Count);
        Assert.Equal(40, slugs.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1, again.ExitCode);
        AssertOneClearLine(again, "already holds 40 groups", "--replace", "Nothing was changed");
        Assert.Equal(40, afterRefusal);
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Contains("after deleting 40", replaced.Output, StringComparison.Ordinal);
        await using (var db = MigrationTests.Open(database.Options))
        {
            Assert.Equal(7, await db.Groups.CountAsync());
        }
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("generate", "town")]
    [InlineData("generate", "County")]
    [InlineData("generate", "county", "nation")]
    public async Task Generate_without_one_known_size_names_the_sizes_and_writes_nothing(params string[] arguments)
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await HearthProcess.RunAsync(HearthProcess.Using(database.Options), arguments);

        Assert.Equal(2, result.ExitCode);
        AssertOneClearLine(result, "generate needs one size: smoke, county, nation", "Nothing was changed");
        await using var db = MigrationTests.Open(database.Options);
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Generate_makes_a_network_that_hangs_together_refuses_a_second_time_and_replaces_only_when_told()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = HearthProcess.Using(database.Options);
        Assert.True((await HearthProcess.RunAsync(settings, "seed-demo")).ExitCode == 0);
        var demo = await CountAsync(database);
        var size = NetworkSize.Find("smoke")!;

        var first = await HearthProcess.RunAsync(settings, "generate", "smoke");
        var generated = await CountAsync(database);
        var again = await HearthProcess.RunAsync(settings, "generate", "smoke");
        var afterRefusal = await CountAsync(database);
        var replaced = await HearthProcess.RunAsync(settings, "generate", "smoke", "--replace");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Generated the smoke network: 40 groups, 400 people", first.Output, StringComparison.Ordinal);
        Assert.Equal(demo with { Groups = demo.Groups + size.Groups, People = demo.People + size.People, Series = demo.Series + size.Series, Rsvps = demo.Rsvps + size.Rsvps, Posts = demo.Posts + size.Posts }, generated);
        Assert.Equal(1, again.ExitCode);
        AssertOneClearLine(again, "already holds 40 groups and 400 people besides the demo network's", "--replace", "Nothing was changed");
        Assert.Equal(generated, afterRefusal);
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Contains("after deleting 40 groups and 400 people", replaced.Output, StringComparison.Ordinal);
        Assert.Equal(generated, await CountAsync(database));

        await using var db = MigrationTests.Open(database.Options);
        var bench = db.Users.Where(u => u.Email!.EndsWith("@" + NetworkGenerator.EmailDomain));
        var person = await bench.OrderBy(u => u.Email).FirstAsync();
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<HearthUser>().VerifyHashedPassword(person, person.PasswordHash!, NetworkGenerator.Password));
        var demoSlugs = GroupsDemoData.Groups().Select(g => g.Slug).ToList();
        var generatedGroups = db.Groups.Where(g => !demoSlugs.Contains(g.Slug));
        Assert.True(await generatedGroups.AllAsync(g => db.GroupMembers.Any(m => m.GroupId == g.Id && m.Role == GroupRole.Organiser)), "A generated group has no organiser.");
        Assert.False(await db.Posts.AnyAsync(p => p.AuthorId != null && !db.GroupMembers.Any(m => m.GroupId == p.GroupId && m.UserId == p.AuthorId)), "Someone wrote in a group they do not belong to.");
        Assert.False(await db.Rsvps.AnyAsync(r => !db.MeetingSeries.Any(s => s.Id == r.SeriesId && db.GroupMembers.Any(m => m.GroupId == s.GroupId && m.UserId == r.UserId))), "Someone answered for a group's meeting without belonging to it.");
        Assert.False(await db.Topics.AnyAsync(t => t.LastPostAt != db.Posts.Where(p => p.TopicId == t.Id).Max(p => p.CreatedAt)), "A topic's last post time does not match its posts.");
        Assert.Equal(size.Posts, await db.Posts.CountAsync(p => p.AuthorId != null && bench.Any(u => u.Id == p.AuthorId)));

        // Keys continue past the generated ones (PostgreSQL's identity sequences were moved on).
        db.Topics.Add(new Topic { GroupId = (await generatedGroups.FirstAsync()).Id, AuthorId = person.Id, Title = "Added after generating", CreatedAt = DateTime.UtcNow, LastPostAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    private sealed record Counts(int Groups, int People, int Series, int Rsvps, int Posts);

    private static async Task<Counts> CountAsync(TestDatabase database)
    {
        await using var db = MigrationTests.Open(database.Options);
        return new Counts(await db.Groups.CountAsync(), await db.Users.CountAsync(), await db.MeetingSeries.CountAsync(), await db.Rsvps.CountAsync(), await db.Posts.CountAsync());
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_hearth_is_refused_with_one_clear_line()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = MigrationTests.Open(database.Options))
        {
            await DatabaseStartup.MigrateAsync(db, database.Options, CancellationToken.None);
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('29991231000000_FromTheFuture', '99.0.0')""");
        }

        var result = await HearthProcess.RunAsync(HearthProcess.Using(database.Options));

        Assert.Equal(1, result.ExitCode);
        AssertOneClearLine(result, "newer version of Hearth", "ConnectionStrings:Hearth");
    }

    [Fact]
    public async Task Unreachable_postgres_fails_fast_with_one_clear_line()
    {
        var result = await HearthProcess.RunAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Hearth"] = "Host=127.0.0.1;Port=1;Username=hearth;Password=none;Database=hearth",
        });

        Assert.Equal(1, result.ExitCode);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"Took {result.Elapsed}.");
        AssertOneClearLine(result, "cannot reach PostgreSQL at 127.0.0.1:1", "ConnectionStrings:Hearth");
    }

    [Fact]
    public async Task Unwritable_data_folder_fails_fast_with_one_clear_line()
    {
        var result = await HearthProcess.RunAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Hearth"] = "Data Source=/proc/hearth/data/hearth.db",
        });

        Assert.Equal(1, result.ExitCode);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"Took {result.Elapsed}.");
        AssertOneClearLine(result, "cannot write to the data folder /proc/hearth/data", "ConnectionStrings:Hearth");
    }

    [Fact]
    public async Task An_unknown_database_provider_names_the_setting()
    {
        var result = await HearthProcess.RunAsync(new Dictionary<string, string> { ["Database__Provider"] = "Oracle" }, "migrate");

        Assert.Equal(1, result.ExitCode);
        AssertOneClearLine(result, "Database:Provider is \"Oracle\"", "Sqlite or Postgres");
    }

    [Fact]
    public async Task An_unknown_command_prints_usage()
    {
        var result = await HearthProcess.RunAsync(new Dictionary<string, string>(), "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown command \"frobnicate\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("migrate | seed-demo | backup <file>", result.Error, StringComparison.Ordinal);
    }

    private static void AssertOneClearLine(HearthProcess.Result result, params string[] expected)
    {
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"Expected one line on stderr, got:\n{result.Error}");
        foreach (var text in expected)
        {
            Assert.Contains(text, lines[0], StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", result.Error + result.Output, StringComparison.Ordinal);
    }
}
