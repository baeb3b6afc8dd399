namespace Hearth.Web.Features.Groups;

/// <summary>
/// The fixed lists a group is described and found by. Stored as ",code,code," so one LIKE finds a code
/// on both engines; shown through the Strings resource (<c>Topic.{code}</c>, <c>Audience.{code}</c>, <c>Access.{code}</c>).
/// </summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<string> Topics =
        ["antidepressant-withdrawal", "hearing-voices", "grief", "self-harm", "depression", "anxiety", "addiction", "chronic-illness", "general-wellbeing"];

    public static readonly IReadOnlyList<string> Audiences =
        ["everyone", "young-people", "men", "women", "lgbtq", "ethnic-minorities", "carers"];

    public static readonly IReadOnlyList<string> Access = ["step-free", "hearing-loop", "bsl"];

    public static readonly IReadOnlyList<string> Languages = ["en", "cy"];

    public static string Store(params string[] codes) => codes.Length == 0 ? "" : "," + string.Join(',', codes) + ",";

    public static IEnumerable<string> Read(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static string Needle(string code) => "%," + code + ",%";
}
