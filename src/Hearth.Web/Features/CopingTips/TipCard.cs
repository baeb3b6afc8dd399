namespace Hearth.Web.Features.CopingTips;

/// <summary>One tip on a page: <see cref="InGroup"/> when shown within its own group (edit and report live there).</summary>
public sealed record TipCard(TipView Tip, bool InGroup, string ReturnUrl);

/// <summary>A page's list of tips, at <see cref="Path"/>, filtered by <see cref="Tag"/>.</summary>
public sealed record TipList(IReadOnlyList<TipView> Tips, string Path, string? Tag, bool InGroup);
