namespace Hearth.Web;

/// <summary>Marker for Hearth's interface text: <c>Resources/Strings.resx</c> (en-GB) and <c>Strings.cy-GB.resx</c> (Cymraeg).</summary>
public sealed class Strings;
