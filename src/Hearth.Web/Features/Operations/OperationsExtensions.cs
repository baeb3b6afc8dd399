using System.Globalization;
using Hearth.Web.Data;
using Hearth.Web.Features.Demo;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Safety;
using Microsoft.Extensions.Logging.Console;

namespace Hearth.Web.Features.Operations;

public static class OperationsExtensions
{
    /// <summary>
    /// A static string from the same process as the pages, so benchmarks can report each page as a ratio to
    /// the cost of the framework alone; and hand-written SQL with minimal HTML for the directory search and a
    /// group page (<see cref="GroupBaselines"/>), the least those pages could cost. Mapped only when
    /// <c>Hearth:Benchmark</c> is true.
    /// </summary>
    public static WebApplication MapBenchmarkBaseline(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Hearth:Benchmark"))
        {
            app.MapGet("/bench/baseline", () => "baseline");
            app.MapGet("/bench/baseline/groups", GroupBaselines.DirectoryAsync);
            app.MapGet("/bench/baseline/group/{slug}", GroupBaselines.GroupAsync);
        }

        return app;
    }

    /// <summary>Commands whose standard output is their result (<c>safety-check</c>) send every log line to standard error.</summary>
    public static WebApplicationBuilder KeepStandardOutputFor(this WebApplicationBuilder builder, HearthCommand command)
    {
        if (command.Verb == "safety-check")
        {
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return builder;
    }

    /// <summary>Serves, or runs one operator command, and returns the process exit code.</summary>
    public static async Task<int> RunCommandAsync(this WebApplication app, HearthCommand command)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        switch (command.Verb)
        {
            case null:
                var seed = app.Configuration.GetValue("Hearth:SeedDemoWhenEmpty", app.Environment.IsDevelopment());
                await DatabaseStartup.PrepareAsync(app.Services, seed, stopping);
                if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment(Mail.PublicAddress.TestEnvironment) && string.IsNullOrWhiteSpace(app.Configuration["Hearth:Mail:BaseUrl"]))
                {
                    throw new HearthStartupException("Hearth:Mail:BaseUrl is empty; set it to this Hearth's public address (for example https://hearth.example.org) so that links in emails lead here.");
                }

                await app.RunAsync();
                return 0;

            case "migrate":
                await DatabaseStartup.PrepareAsync(app.Services, seedDemoWhenEmpty: false, stopping);
                Console.WriteLine("The database is up to date.");
                return 0;

            case "seed-demo":
                await DatabaseStartup.PrepareAsync(app.Services, seedDemoWhenEmpty: false, stopping);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    if (!await scope.ServiceProvider.GetRequiredService<DemoSeed>().SeedIfEmptyAsync(stopping))
                    {
                        await Console.Error.WriteLineAsync("The database already holds a network; seed-demo only fills an empty database. Nothing was changed.");
                        return 1;
                    }
                }

                Console.WriteLine("Seeded the demo network.");
                return 0;

            case "generate-groups":
                var replace = command.Arguments.Contains("--replace");
                var counts = command.Arguments.Where(a => a != "--replace").ToList();
                if (counts.Count != 1 || !int.TryParse(counts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > GroupGenerator.Most)
                {
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"generate-groups needs one whole number of groups from 1 to {GroupGenerator.Most}, for example: generate-groups 20000 (add --replace to delete every group first)."));
                    return 2;
                }

                await DatabaseStartup.PrepareAsync(app.Services, seedDemoWhenEmpty: false, stopping);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var outcome = await scope.ServiceProvider.GetRequiredService<GroupGenerator>().GenerateAsync(count, replace, stopping);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generated {outcome.Generated} groups ({outcome.Unlisted} unlisted) in {outcome.Elapsed.TotalSeconds:0.0} s{(replace ? $" after deleting {outcome.Deleted}" : "")}."));
                }

                return 0;

            case "generate":
                var size = command.Arguments.Where(a => a != "--replace").ToList() is [var name] ? NetworkSize.Find(name) : null;
                if (size is null)
                {
                    await Console.Error.WriteLineAsync($"generate needs one size: {string.Join(", ", NetworkSize.All.Select(s => s.Name))}, for example: generate county (add --replace to delete every group and person besides the demo network's first). Nothing was changed.");
                    return 2;
                }

                await DatabaseStartup.PrepareAsync(app.Services, seedDemoWhenEmpty: false, stopping);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var network = await ActivatorUtilities.CreateInstance<NetworkGenerator>(scope.ServiceProvider).GenerateAsync(size, command.Arguments.Contains("--replace"), stopping);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generated the {size.Name} network: {size.Groups:N0} groups, {size.People:N0} people ({network.Memberships:N0} memberships), {size.Series:N0} meeting series, {size.Rsvps:N0} RSVPs, {network.Topics:N0} topics with {size.Posts:N0} posts, in {network.Elapsed.TotalSeconds:0.0} s{(network.DeletedGroups + network.DeletedPeople > 0 ? $" after deleting {network.DeletedGroups:N0} groups and {network.DeletedPeople:N0} people" : "")}."));
                }

                return 0;

            case "backup" when command.Arguments.Count == 1:
                var written = await SqliteBackup.RunAsync(app.Services.GetRequiredService<DatabaseOptions>(), command.Arguments[0], stopping);
                Console.WriteLine($"Backed up the database to {written}. To restore, stop Hearth and copy it over the database file.");
                return 0;

            case "safety-check" when command.Arguments.Count == 0:
                var (input, output) = SafetyExtensions.StandardStreams();
                using (input)
                {
                    await using (output)
                    {
                        return await app.RunSafetyCheckAsync(input, output, stopping);
                    }
                }

            default:
                await Console.Error.WriteLineAsync(command.Verb == "backup" ? "backup needs one argument: the file to write." : $"Unknown command \"{command.Verb}\".");
                await Console.Error.WriteLineAsync(HearthCommand.Usage);
                return 2;
        }
    }
}
