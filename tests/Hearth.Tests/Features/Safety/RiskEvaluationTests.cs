using System.Globalization;
using Hearth.Web.Features.Safety;
using Xunit.Abstractions;

namespace Hearth.Tests.Features.Safety;

/// <summary>
/// The risk check on labelled messages (Evaluation/*.tsv: label, language, kind, message; see its README).
/// dev.tsv, tuning.tsv, tuning-2.tsv and tuning-3.tsv (earlier blind sets, once scored) are tuning data: the word lists were written
/// against them, so their scores are only kept from slipping back. held-out.tsv is the blind set the lists never saw: its recall and precision against the
/// targets (0.95 and 0.80) are measured and written to docs/safety.md by bench/safety.sh, like every other target,
/// and never asserted here, where a failing score could only be made to pass by tuning on the blind set.
/// </summary>
public sealed class RiskEvaluationTests(ITestOutputHelper output)
{
    private static readonly RiskCheck Check = RiskCheck.LoadDefault();

    private static string Folder => Path.Combine(Repository.Root, "tests", "Hearth.Tests", "Features", "Safety", "Evaluation");

    /// <summary>
    /// Tuning data: a floor a little under what the check scored when these lists were last tuned, so that a change to the
    /// lists that loses ground on messages already handled is noticed. It says nothing about unseen posts.
    /// </summary>
    [Theory]
    [InlineData("dev.tsv", 1.0, 1.0, 1.0, 1.0)]
    [InlineData("tuning.tsv", 0.98, 0.98, 0.97, 0.98)]
    [InlineData("tuning-2.tsv", 0.98, 0.98, 0.95, 0.98)]
    [InlineData("tuning-3.tsv", 0.38, 0.90, 0.48, 0.96)]
    public void Tuning_sets_do_not_slip_back(string file, double urgentRecall, double urgentPrecision, double anyRecall, double anyPrecision)
    {
        var path = Path.Combine(Folder, file);
        Assert.True(File.Exists(path), $"{path} is missing: the evaluation needs its labelled messages.");
        var (urgent, any, report) = Evaluate(file, path);

        Assert.True(
            urgent.Recall >= urgentRecall && urgent.Precision >= urgentPrecision && any.Recall >= anyRecall && any.Precision >= anyPrecision,
            string.Create(CultureInfo.InvariantCulture, $"{report}; floor: urgent recall {urgentRecall:0.000}, precision {urgentPrecision:0.000}, concern or urgent recall {anyRecall:0.000}, precision {anyPrecision:0.000}"));
    }

    /// <summary>
    /// The blind set is there and well formed (every row labelled, both languages, every hard case in both), so that
    /// bench/safety.sh can score it; its score is reported, not asserted.
    /// </summary>
    [Fact]
    public void The_blind_held_out_set_is_complete_and_can_be_scored()
    {
        var path = Path.Combine(Folder, "held-out.tsv");
        Assert.True(File.Exists(path), $"{path} is missing: add a held-out.tsv written without looking at the word lists, and never tune on it.");
        var rows = File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t', 4)).ToList();
        Assert.True(rows.Count >= 300, $"held-out.tsv has {rows.Count} messages; the evaluation needs at least 300.");
        Assert.All(rows, r => Assert.True(r.Length == 4 && r[0] is "none" or "concern" or "urgent" && r[1] is "en" or "cy", string.Join(" | ", r)));
        foreach (var kind in rows.Select(r => r[2]).Distinct())
        {
            Assert.True(rows.Any(r => r[2] == kind && r[1] == "en") && rows.Any(r => r[2] == kind && r[1] == "cy"), $"{kind} is not in both languages");
        }

        var (urgent, any, _) = Evaluate("held-out.tsv", path);
        Assert.Equal(rows.Count(r => r[0] == "urgent"), urgent.Labelled);
        Assert.Equal(rows.Count(r => r[0] != "none"), any.Labelled);
    }

    private (Scores Urgent, Scores Any, string Report) Evaluate(string file, string path)
    {
        var rows = File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t', 4)).ToList();
        Assert.All(rows, r => Assert.True(r.Length == 4 && r[0] is "none" or "concern" or "urgent", "Each row is label, language, kind, message."));
        Assert.NotEmpty(rows);
        var pairs = rows.Select(r => (Label: Level(r[0]), Verdict: Check.Assess(r[3]).Level)).ToList();

        var urgent = Score(pairs, level => level == RiskLevel.Urgent);
        var any = Score(pairs, level => level != RiskLevel.None);
        var report = string.Create(CultureInfo.InvariantCulture, $"{file}: {pairs.Count} messages; urgent {urgent}; concern or urgent {any}");
        output.WriteLine(report);
        return (urgent, any, report);
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
