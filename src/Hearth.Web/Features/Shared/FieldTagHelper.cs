using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Hearth.Web.Features.Shared;

/// <summary>
/// One form field the GOV.UK way: label, optional hint, the error message beside the field, and the input,
/// wired with <c>aria-describedby</c> and <c>aria-invalid</c>. After a failed post it shows what the person
/// typed (never a password). <c>&lt;hearth-field for="Input.Email" label="..." type="email" autocomplete="email" /&gt;</c>
/// </summary>
[HtmlTargetElement("hearth-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    public string Label { get; set; } = "";

    /// <summary>The submitted name when it must differ from the property (a query string such as <c>run_by</c>).</summary>
    public string? Name { get; set; }

    /// <summary>For <c>type="select"</c>, <c>"radios"</c> or <c>"checkboxes"</c>: value and label of each choice.</summary>
    public IEnumerable<KeyValuePair<string, string>>? Options { get; set; }

    public string? Hint { get; set; }

    /// <summary>text, email, password, checkbox, textarea, select, radios, checkboxes, or any other input type.</summary>
    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public string? Inputmode { get; set; }

    public int? Maxlength { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = Name ?? For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var entry = ViewContext.ViewData.ModelState.TryGetValue(name, out var state) ? state : null;
        var errors = entry?.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList() ?? [];
        var describedBy = new List<string>();

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field field--error" : "field");
        var html = output.Content;

        if (Type == "checkbox")
        {
            var isChecked = entry?.AttemptedValue is { } attempted ? attempted.Contains("true", StringComparison.OrdinalIgnoreCase) : For.Model is true;
            AppendErrors(html, id, errors, describedBy);
            AppendHint(html, id, describedBy);
            html.AppendHtml($"<div class=\"checkbox\"><input type=\"checkbox\" id=\"{id}\" name=\"{Encode(name)}\" value=\"true\"{(isChecked ? " checked" : "")}{Described(describedBy)}{(errors.Count > 0 ? " aria-invalid=\"true\"" : "")}><label for=\"{id}\">{Encode(Label)}</label></div>");
            return;
        }

        if (Type is "checkboxes" or "radios")
        {
            // A group of choices: a fieldset whose legend is the label; the first box carries the id errors link to.
            output.TagName = "fieldset";
            var chosen = entry?.RawValue switch
            {
                string[] many => many,
                string one => [one],
                _ => For.Model switch
                {
                    null => [],
                    string one => [one],
                    IEnumerable<string> many => many.ToArray(),
                    var other => [other.ToString() ?? ""],
                },
            };
            html.AppendHtml($"<legend>{Encode(Label)}</legend>");
            AppendHint(html, id, describedBy);
            AppendErrors(html, id, errors, describedBy);
            var n = 0;
            foreach (var (optionValue, optionLabel) in Options ?? [])
            {
                var optionId = n++ == 0 ? id : $"{id}-{n}";
                html.AppendHtml($"<div class=\"checkbox\"><input type=\"{(Type == "radios" ? "radio" : "checkbox")}\" id=\"{optionId}\" name=\"{Encode(name)}\" value=\"{Encode(optionValue)}\"{(chosen.Contains(optionValue) ? " checked" : "")}{Described(describedBy)}{(errors.Count > 0 ? " aria-invalid=\"true\"" : "")}><label for=\"{optionId}\">{Encode(optionLabel)}</label></div>");
            }

            return;
        }

        html.AppendHtml($"<label for=\"{id}\">{Encode(Label)}</label>");
        AppendHint(html, id, describedBy);
        AppendErrors(html, id, errors, describedBy);
        var value = Type == "password" ? null : entry?.AttemptedValue ?? For.Model?.ToString();
        var common = $" id=\"{id}\" name=\"{Encode(name)}\"{Attribute("autocomplete", Autocomplete)}{Attribute("inputmode", Inputmode)}{Attribute("maxlength", Maxlength?.ToString(System.Globalization.CultureInfo.InvariantCulture))}{Described(describedBy)}{(errors.Count > 0 ? " aria-invalid=\"true\"" : "")}";
        if (Type == "select")
        {
            html.AppendHtml($"<select{common}>");
            foreach (var (optionValue, optionLabel) in Options ?? [])
            {
                html.AppendHtml($"<option value=\"{Encode(optionValue)}\"{(optionValue == (value ?? "") ? " selected" : "")}>{Encode(optionLabel)}</option>");
            }

            html.AppendHtml("</select>");
            return;
        }

        html.AppendHtml(Type == "textarea"
            ? $"<textarea rows=\"5\"{common}>{Encode(value ?? "")}</textarea>"
            : $"<input type=\"{Encode(Type)}\"{common}{Attribute("value", value)}>");
    }

    private void AppendHint(TagHelperContent html, string id, List<string> describedBy)
    {
        if (!string.IsNullOrEmpty(Hint))
        {
            describedBy.Add($"{id}-hint");
            html.AppendHtml($"<p class=\"hint\" id=\"{id}-hint\">{Encode(Hint)}</p>");
        }
    }

    private void AppendErrors(TagHelperContent html, string id, List<string> errors, List<string> describedBy)
    {
        if (errors.Count > 0)
        {
            describedBy.Add($"{id}-error");
            html.AppendHtml($"<p class=\"field-error\" id=\"{id}-error\">{string.Join("<br>", errors.Select(Encode))}</p>");
        }
    }

    private string Encode(string text) => encoder.Encode(text);

    private string Attribute(string attribute, string? value) => value is null ? "" : $" {attribute}=\"{Encode(value)}\"";

    private static string Described(List<string> ids) => ids.Count == 0 ? "" : $" aria-describedby=\"{string.Join(' ', ids)}\"";
}
