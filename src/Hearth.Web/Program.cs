using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.CopingTips;
using Hearth.Web.Features.Demo;
using Hearth.Web.Features.Discussion;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Health;
using Hearth.Web.Features.HelpNow;
using Hearth.Web.Features.Localisation;
using Hearth.Web.Features.Mail;
using Hearth.Web.Features.Meetings;
using Hearth.Web.Features.Moderation;
using Hearth.Web.Features.Operations;
using Hearth.Web.Features.Safety;
using Hearth.Web.Features.Security;
using Hearth.Web.Features.Shared;

var command = HearthCommand.Parse(args);
try
{
    var builder = WebApplication.CreateBuilder(command.HostArgs);
    builder.KeepStandardOutputFor(command);
    builder.AddHearthData();
    builder.AddHearthSecurity();
    builder.AddHearthLocalisation();
    builder.AddHearthPages();
    builder.AddHearthHealth();
    builder.AddHelpNow();
    builder.AddSafety();
    builder.AddDemo();
    builder.AddMail();
    builder.AddAccounts();
    builder.AddGroups();
    builder.AddMeetings();
    builder.AddDiscussion();
    builder.AddCopingTips();
    builder.AddModeration();

    var app = builder.Build();
    app.UseHearthLocalisation();
    app.UseHearthSecurity();
    app.UseHearthPages();
    app.UseAccounts();
    app.MapHearthPages();
    app.MapMeetingFeeds();
    app.MapMeetingGuideFeed();
    app.MapHearthHealth();
    app.MapBenchmarkBaseline();

    return await app.RunCommandAsync(command);
}
catch (HearthStartupException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

/// <summary>The entry point, visible to the test hosts.</summary>
public partial class Program;
