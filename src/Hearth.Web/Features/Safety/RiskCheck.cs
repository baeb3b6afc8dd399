namespace Hearth.Web.Features.Safety;

public enum RiskLevel
{
    None,
    Concern,
    Urgent,
}

public readonly record struct RiskAssessment(RiskLevel Level, string Reason);

public sealed class RiskCheck
{
    public static RiskCheck LoadDefault() => new();

    public RiskAssessment Assess(string text) =>
        text.Contains("kill myself", StringComparison.OrdinalIgnoreCase) ? new(RiskLevel.Urgent, "placeholder")
        : text.Contains("hopeless", StringComparison.OrdinalIgnoreCase) ? new(RiskLevel.Concern, "placeholder")
        : new(RiskLevel.None, "");
}
