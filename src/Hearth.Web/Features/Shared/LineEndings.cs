using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Hearth.Web.Features.Shared;

/// <summary>
/// Browsers send a text area's line breaks as CR LF but count each as one character against <c>maxlength</c>; every
/// string a form sends is bound with plain LF, so limits count what the person saw and text is stored one way.
/// </summary>
public sealed class LineEndingsBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(string) && context.BindingInfo.BindingSource != BindingSource.Body
            ? new Binder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
            : null;

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result.Model is string text && text.Contains('\r', StringComparison.Ordinal))
            {
                bindingContext.Result = ModelBindingResult.Success(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
            }
        }
    }
}
