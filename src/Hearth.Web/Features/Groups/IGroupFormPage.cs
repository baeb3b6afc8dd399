namespace Hearth.Web.Features.Groups;

/// <summary>A page that shows <c>_GroupFields</c>: the form, and which of its steps are on screen.</summary>
public interface IGroupFormPage
{
    GroupForm Form { get; }

    bool ShowStep(int step);

    /// <summary>False once the group exists: links people hold must keep working.</summary>
    bool CanChangeSlug { get; }
}
