using Hearth.Tests.Features.Operations;

namespace Hearth.Tests.Features.Safety;

/// <summary><c>Hearth.Web safety-check</c> run as a real process, as an operator or a script would.</summary>
public sealed class SafetyCheckCommandTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("hearth-safety-check-");

    [Fact]
    public async Task Each_line_in_gets_one_verdict_and_reason_out_and_nothing_else()
    {
        var database = Path.Combine(folder.FullName, "data", "hearth.db");
        var environment = new Dictionary<string, string>
        {
            // Every log line there is, so that any that reached standard output would show.
            ["Logging__LogLevel__Default"] = "Trace",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Hearth"] = $"Data Source={database}",
        };

        var result = await HearthProcess.RunWithInputAsync(
            environment,
            "I have the pills in front of me and I'm going to take them all\r\ndwi'n teimlo'n hollol anobeithiol 😞\nthis traffic is killing me\n",
            "safety-check");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            [
                "urgent\turgent phrase \"pills in front of me\"",
                "concern\tconcern phrase \"anobeithiol\"",
                "none\tfigure of speech: \"killing me\"",
            ],
            result.Output.Split('\n')[..^1]);
        Assert.EndsWith("\n", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(database)), "safety-check touched the database.");
    }

    [Fact]
    public async Task A_networks_lexicon_folder_is_read_from_the_command_line()
    {
        File.WriteAllText(Path.Combine(folder.FullName, "local.txt"), "[concern]\nfeeling wobbly\n");

        var result = await HearthProcess.RunWithInputAsync(new Dictionary<string, string>(), "feeling wobbly\n", "safety-check", $"--Hearth:Safety:LexiconPath={folder.FullName}");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("concern\tconcern phrase \"feeling wobbly\"\n", result.Output);
    }

    [Fact]
    public async Task A_missing_lexicon_folder_fails_with_one_clear_line()
    {
        var missing = Path.Combine(folder.FullName, "not-here");

        var result = await HearthProcess.RunWithInputAsync(new Dictionary<string, string> { ["Hearth__Safety__LexiconPath"] = missing }, "hello\n", "safety-check");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.Error);
        Assert.Contains("Hearth:Safety:LexiconPath", lines[0], StringComparison.Ordinal);
        Assert.Contains(missing, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_input_gives_empty_output()
    {
        var result = await HearthProcess.RunWithInputAsync(new Dictionary<string, string>(), "", "safety-check");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Output);
    }

    public void Dispose() => folder.Delete(recursive: true);
}
