using System.Text;

namespace Hearth.Web.Features.Safety;

public static class SafetyExtensions
{
    /// <summary>
    /// The risk check as one shared instance: the built-in English and Welsh lists, plus every <c>*.txt</c> list in
    /// the folder named by <c>Hearth:Safety:LexiconPath</c>. Built when first used (so that test hosts' settings are
    /// seen) and checked when Hearth starts, so a missing folder stops start-up with one clear line.
    /// </summary>
    public static WebApplicationBuilder AddSafety(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => RiskCheck.Load(sp.GetRequiredService<IConfiguration>()["Hearth:Safety:LexiconPath"]));
        builder.Services.AddHostedService<LexiconStartupCheck>();
        return builder;
    }

    /// <summary>
    /// <c>safety-check</c>: one message per line in (UTF-8), one <c>verdict&lt;TAB&gt;reason</c> line out for each, and
    /// nothing else on standard output. No database is opened.
    /// </summary>
    public static async Task<int> RunSafetyCheckAsync(this WebApplication app, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var check = app.Services.GetRequiredService<RiskCheck>();

        // Line by line without an await each: the reader and writer are buffered, so a line is almost always there
        // already, and an await per line cost about a third as much as the check itself. Cancellation is looked at
        // between lines.
        while (input.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var assessment = check.Assess(line);
            output.Write(Verdict(assessment.Level));
            output.Write('\t');
            output.Write(assessment.Reason);
            output.Write('\n');
        }

        await output.FlushAsync(cancellationToken);
        return 0;
    }

    /// <summary>Standard input and output as the command reads and writes them: UTF-8 without a byte order mark, buffered.</summary>
    public static (TextReader Input, TextWriter Output) StandardStreams()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var input = new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var output = new StreamWriter(Console.OpenStandardOutput(), utf8, bufferSize: 1 << 16) { AutoFlush = false, NewLine = "\n" };
        return (input, output);
    }

    public static string Verdict(RiskLevel level) => level switch
    {
        RiskLevel.Urgent => "urgent",
        RiskLevel.Concern => "concern",
        _ => "none",
    };

    private sealed class LexiconStartupCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // Building the lists here means a missing Hearth:Safety:LexiconPath folder or a bad line stops start-up.
            services.GetRequiredService<RiskCheck>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
