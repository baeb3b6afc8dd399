using System.Globalization;
using Hearth.Web.Features.Safety;
using Xunit.Abstractions;

namespace Hearth.Tests.Features.Safety;

/// <summary>
/// A quality gate on labelled messages (Evaluation/*.tsv: label, language, kind, message): dev.tsv is what the word
/// lists were tuned on; held-out.tsv was never looked at, only run as a whole, so it says how the check does on posts
/// it has not seen. For "urgent" and for "concern or urgent", recall and precision must both reach the bar.
/// </summary>
public sealed class RiskEvaluationTests(ITestOutputHelper output)
{
    private const double RecallBar = 0.95;
    private const double PrecisionBar = 0.80;

    private static readonly RiskCheck Check = RiskCheck.LoadDefault();

    [Theory]
    [InlineData("dev.tsv")]
    [InlineData("held-out.tsv")]
    public void Recall_and_precision_reach_the_bar(string file)
    {
        var path = Path.Combine(Repository.Root, "tests", "Hearth.Tests", "Features", "Safety", "Evaluation", file);
        Assert.True(File.Exists(path), $"{path} is missing: the evaluation needs its labelled messages.");
        var rows = File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t', 4)).ToList();
        Assert.All(rows, r => Assert.True(r.Length == 4 && r[0] is "none" or "concern" or "urgent", "Each row is label, language, kind, message."));
        var pairs = rows.Select(r => (Label: Level(r[0]), Verdict: Check.Assess(r[3]).Level)).ToList();

        var urgent = Score(pairs, level => level == RiskLevel.Urgent);
        var any = Score(pairs, level => level != RiskLevel.None);
        var report = string.Create(CultureInfo.InvariantCulture, $"{file}: {pairs.Count} messages; urgent {urgent}; concern or urgent {any}");
        output.WriteLine(report);

        Assert.True(urgent.Recall >= RecallBar && urgent.Precision >= PrecisionBar && any.Recall >= RecallBar && any.Precision >= PrecisionBar, report);
    }

    private static Scores Score(List<(RiskLevel Label, RiskLevel Verdict)> pairs, Func<RiskLevel, bool> positive)
    {
        var truePositives = pairs.Count(p => positive(p.Label) && positive(p.Verdict));
        var labelled = pairs.Count(p => positive(p.Label));
        var predicted = pairs.Count(p => positive(p.Verdict));
        return new Scores(truePositives, labelled, predicted);
    }

    private static RiskLevel Level(string label) => label switch
    {
        "urgent" => RiskLevel.Urgent,
        "concern" => RiskLevel.Concern,
        _ => RiskLevel.None,
    };

    private readonly record struct Scores(int TruePositives, int Labelled, int Predicted)
    {
        public double Recall => Labelled == 0 ? 1 : (double)TruePositives / Labelled;

        public double Precision => Predicted == 0 ? 1 : (double)TruePositives / Predicted;

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"recall {Recall:0.000} ({TruePositives}/{Labelled}), precision {Precision:0.000} ({TruePositives}/{Predicted})");
    }
}
