using Hearth.Tests.Features.Operations;
using Hearth.Web.Data;
using Hearth.Web.Features.Safety;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Features.Safety;

/// <summary>The word lists: built in, extended by a network's folder (Hearth:Safety:LexiconPath), and their errors.</summary>
public sealed class RiskLexiconTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("hearth-lexicon-");

    [Fact]
    public async Task A_networks_lexicon_folder_extends_the_built_in_lists_in_the_app()
    {
        File.WriteAllText(Path.Combine(folder.FullName, "local.txt"), "# Our members' own words.\n[concern]\nfeeling wobbly\n");
        File.WriteAllText(Path.Combine(folder.FullName, "cy-local.txt"), "[urgent]\ndiwedd y gân heno\n");
        File.WriteAllText(Path.Combine(folder.FullName, "notes.md"), "[nonsense]\nnot a lexicon file, never read\n");
        var check = await FromTheAppAsync(folder.FullName, app => app.Services.GetRequiredService<RiskCheck>());

        Assert.Equal(new RiskAssessment(RiskLevel.Concern, "concern phrase \"feeling wobbly\""), check.Assess("feeling wobbly today"));
        Assert.Equal(RiskLevel.Urgent, check.Assess("diwedd y gân heno").Level);
        Assert.Equal(RiskLevel.Urgent, check.Assess("I want to kill myself").Level);
        Assert.Equal(RiskLevel.None, RiskCheck.LoadDefault().Assess("feeling wobbly today").Level);
    }

    [Fact]
    public void The_loader_reads_the_built_in_files_then_the_folders_in_name_order()
    {
        File.WriteAllText(Path.Combine(folder.FullName, "b.txt"), "[concern]\nbeta words\n");
        File.WriteAllText(Path.Combine(folder.FullName, "a.txt"), "[concern]\nalpha words\n");

        var lexicon = RiskLexicon.Load(folder.FullName);

        Assert.Equal(["en.txt", "cy.txt", "a.txt", "b.txt"], lexicon.Files.Select(Path.GetFileName));
        Assert.Contains(lexicon.Phrases, p => p.Text == "alpha words" && p.Source == "a.txt:2" && p.Section == LexiconSection.Concern);
    }

    [Fact]
    public void A_missing_lexicon_folder_is_a_start_up_error_naming_the_setting()
    {
        var missing = Path.Combine(folder.FullName, "not-here");

        var error = Assert.Throws<HearthStartupException>(() => RiskCheck.Load(missing));

        Assert.Contains("Hearth:Safety:LexiconPath", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hearth_does_not_start_on_a_missing_lexicon_folder_and_says_why_in_one_line()
    {
        await using var database = await TestDatabase.CreateAsync();
        var missing = Path.Combine(folder.FullName, "not-here");
        var environment = HearthProcess.Using(database.Options);
        environment["Hearth__Safety__LexiconPath"] = missing;
        environment["Hearth__Mail__BaseUrl"] = "https://hearth.test";
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        var result = await HearthProcess.RunAsync(environment);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.Error);
        Assert.Contains("Hearth:Safety:LexiconPath", lines[0], StringComparison.Ordinal);
        Assert.Contains(missing, lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[nonsense]\nwords\n", "local.txt:1", "is not a section")]
    [InlineData("words before any heading\n", "local.txt:1", "before any [section]")]
    [InlineData("[concern]\n\n# a comment\n.. words\n", "local.txt:4", "must start and end with a word")]
    [InlineData("[concern]\nwords _\n", "local.txt:2", "must start and end with a word")]
    [InlineData("[concern]\n~cut\n", "local.txt:2", "at least 5")]
    public void A_line_that_cannot_be_read_names_its_file_and_line(string content, string where, string why)
    {
        File.WriteAllText(Path.Combine(folder.FullName, "local.txt"), content);

        var error = Assert.Throws<HearthStartupException>(() => RiskLexicon.Load(folder.FullName));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Patterns_match_as_the_format_says()
    {
        var check = new RiskCheck(RiskLexicon.Parse([("test.txt", """
            [urgent]
            take .. pills
            ~wobblemonster
            tiny* thing
            i've|i+have had <many> drinks
            maybe? gone for+good
            """)]));

        Assert.Equal(RiskLevel.Urgent, check.Assess("take all of the pills").Level);
        Assert.Equal(RiskLevel.None, check.Assess("take one two three four pills").Level);
        Assert.Equal(RiskLevel.None, check.Assess("take them, pills").Level);
        Assert.Equal(RiskLevel.Urgent, check.Assess("a wobbelmonster").Level);
        Assert.Equal(RiskLevel.Urgent, check.Assess("tinyest thing").Level);
        Assert.Equal(RiskLevel.Urgent, check.Assess("I have had 12 drinks").Level);
        Assert.Equal(RiskLevel.None, check.Assess("I've had 2 drinks").Level);
        Assert.Equal(RiskLevel.Urgent, check.Assess("gone for good").Level);
        Assert.Equal(RiskLevel.Urgent, check.Assess("maybe gone for good").Level);
    }

    public void Dispose() => folder.Delete(recursive: true);

    /// <summary>A Hearth host of its own with <c>Hearth:Safety:LexiconPath</c> set, removed with its database afterwards.</summary>
    private static async Task<T> FromTheAppAsync<T>(string lexiconPath, Func<LexiconFactory, T> use)
    {
        var app = new LexiconFactory(lexiconPath);
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            return use(app);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private sealed class LexiconFactory(string lexiconPath) : HearthFactory
    {
        protected override bool SeedDemo => false;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Hearth:Safety:LexiconPath"] = lexiconPath,
        };
    }
}
