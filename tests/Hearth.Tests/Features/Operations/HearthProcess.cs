using System.Diagnostics;

namespace Hearth.Tests.Features.Operations;

/// <summary>Runs the real Hearth executable, as an operator would, and captures what it prints.</summary>
public static class HearthProcess
{
    public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        Assert.True(File.Exists(Repository.WebAssembly), $"Build Hearth.Web first: {Repository.WebAssembly} is missing.");
        var workingDirectory = Directory.CreateTempSubdirectory("hearth-cli-");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory.FullName };
        start.ArgumentList.Add(Repository.WebAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"Hearth {string.Join(' ', arguments)} was still running after 60 s.");
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }

        return new Result(process.ExitCode, await output, await error, clock.Elapsed);
    }

    public static Dictionary<string, string> Using(Hearth.Web.Data.DatabaseOptions database) => new()
    {
        ["Database__Provider"] = database.Provider.ToString(),
        ["ConnectionStrings__Hearth"] = database.ConnectionString,
    };
}
