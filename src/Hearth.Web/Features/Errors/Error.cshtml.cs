using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Errors;

/// <summary>
/// Friendly pages for every error status. Re-executed from any method (a failed POST too), so it takes no
/// form and needs no antiforgery token. Shows a reference, never a stack trace.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string RequestId { get; private set; } = "";

    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        Status = code is >= 400 and <= 599 ? code.Value : StatusCodes.Status500InternalServerError;
        if (Response.StatusCode < 400)
        {
            Response.StatusCode = Status;
        }

        RequestId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
    }
}
