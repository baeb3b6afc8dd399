namespace Hearth.Web.Data;

/// <summary>
/// A problem an operator can fix (a setting, a folder, a server). Its message is one plain line that names
/// what to change; the process prints it and exits non-zero instead of showing a stack trace.
/// </summary>
public sealed class HearthStartupException(string message, Exception? inner = null) : Exception(message, inner);
