using System.Diagnostics;
using System.Text;

namespace Hearth.Tests.Features.Operations;

/// <summary>Runs the real Hearth executable, as an operator would, and captures what it prints.</summary>
public static class HearthProcess
{
    public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed);

    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunWithInputAsync(environment, input: null, arguments);

    /// <summary>As <see cref="RunAsync"/>, with <paramref name="input"/> on standard input (UTF-8), which is then closed.</summary>
    public static async Task<Result> RunWithInputAsync(IReadOnlyDictionary<string, string> environment, string? input, params string[] arguments)
    {
        Assert.True(File.Exists(Repository.WebAssembly), $"Build Hearth.Web first: {Repository.WebAssembly} is missing.");
        var workingDirectory = Directory.CreateTempSubdirectory("hearth-cli-");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory.FullName,
        };
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
        if (input is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(input));
            process.StandardInput.Close();
        }

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
