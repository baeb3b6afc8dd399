using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Hearth.Web.Data.Migrations;

/// <summary>
/// Between meetings: topics and posts, reactions, blocks, muted words and in-app notices; reports, the risk check's
/// flags and the moderation log; coping tips and personal toolkits; suspensions from a group and bans from the network.
/// </summary>
[DbContext(typeof(HearthDb))]
[Migration("20261121210000_Discussion")]
public sealed class Discussion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "MutedWords", table: "AspNetUsers", maxLength: 2100, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "BannedAt", table: "AspNetUsers", nullable: true);
        migrationBuilder.AddColumn<bool>(name: "DiscussionDigest", table: "AspNetUsers", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<DateTime>(name: "DigestSentAt", table: "AspNetUsers", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "SuspendedUntil", table: "GroupMembers", nullable: true);

        migrationBuilder.CreateTable(
            name: "Topics",
            columns: table => new
            {
                Id = Identity(table),
                GroupId = table.Column<int>(nullable: false),
                AuthorId = table.Column<string>(nullable: true),
                Title = table.Column<string>(maxLength: 120, nullable: false),
                IsAnnouncement = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                LastPostAt = table.Column<DateTime>(nullable: false),
                DeletedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Topics", x => x.Id);
                table.ForeignKey("FK_Topics_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Topics_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
            });
        migrationBuilder.CreateIndex("IX_Topics_GroupId_LastPostAt", "Topics", ["GroupId", "LastPostAt"]);
        migrationBuilder.CreateIndex("IX_Topics_AuthorId", "Topics", "AuthorId");

        migrationBuilder.CreateTable(
            name: "Posts",
            columns: table => new
            {
                Id = Identity(table),
                GroupId = table.Column<int>(nullable: false),
                TopicId = table.Column<int>(nullable: true),
                AuthorId = table.Column<string>(nullable: true),
                Body = table.Column<string>(maxLength: 20000, nullable: false),
                BodyHtml = table.Column<string>(nullable: false),
                ContentWarning = table.Column<string>(maxLength: 100, nullable: true),
                Fingerprint = table.Column<string>(maxLength: 64, nullable: false),
                IsOpening = table.Column<bool>(nullable: false),
                State = table.Column<string>(maxLength: 20, nullable: false),
                Risk = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                EditedAt = table.Column<DateTime>(nullable: true),
                DeletedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Posts", x => x.Id);
                table.ForeignKey("FK_Posts_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Posts_Topics_TopicId", x => x.TopicId, "Topics", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Posts_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
            });
        migrationBuilder.CreateIndex("IX_Posts_TopicId_CreatedAt", "Posts", ["TopicId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Posts_AuthorId_CreatedAt", "Posts", ["AuthorId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Posts_GroupId", "Posts", "GroupId");

        migrationBuilder.CreateTable(
            name: "Reactions",
            columns: table => new
            {
                Id = Identity(table),
                PostId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reactions", x => x.Id);
                table.ForeignKey("FK_Reactions_Posts_PostId", x => x.PostId, "Posts", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Reactions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Reactions_PostId_UserId_Kind", "Reactions", ["PostId", "UserId", "Kind"], unique: true);
        migrationBuilder.CreateIndex("IX_Reactions_UserId", "Reactions", "UserId");

        migrationBuilder.CreateTable(
            name: "Blocks",
            columns: table => new
            {
                Id = Identity(table),
                BlockerId = table.Column<string>(nullable: false),
                BlockedId = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Blocks", x => x.Id);
                table.ForeignKey("FK_Blocks_AspNetUsers_BlockerId", x => x.BlockerId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Blocks_AspNetUsers_BlockedId", x => x.BlockedId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Blocks_BlockerId_BlockedId", "Blocks", ["BlockerId", "BlockedId"], unique: true);
        migrationBuilder.CreateIndex("IX_Blocks_BlockedId", "Blocks", "BlockedId");

        migrationBuilder.CreateTable(
            name: "DiscussionNotices",
            columns: table => new
            {
                Id = Identity(table),
                UserId = table.Column<string>(nullable: false),
                GroupId = table.Column<int>(nullable: false),
                TopicId = table.Column<int>(nullable: true),
                PostId = table.Column<int>(nullable: true),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ReadAt = table.Column<DateTime>(nullable: true),
                EmailedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DiscussionNotices", x => x.Id);
                table.ForeignKey("FK_DiscussionNotices_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_DiscussionNotices_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_DiscussionNotices_Topics_TopicId", x => x.TopicId, "Topics", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_DiscussionNotices_Posts_PostId", x => x.PostId, "Posts", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_DiscussionNotices_UserId_CreatedAt", "DiscussionNotices", ["UserId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_DiscussionNotices_GroupId", "DiscussionNotices", "GroupId");
        migrationBuilder.CreateIndex("IX_DiscussionNotices_TopicId", "DiscussionNotices", "TopicId");
        migrationBuilder.CreateIndex("IX_DiscussionNotices_PostId", "DiscussionNotices", "PostId");

        migrationBuilder.CreateTable(
            name: "Reports",
            columns: table => new
            {
                Id = Identity(table),
                PostId = table.Column<int>(nullable: false),
                ReporterId = table.Column<string>(nullable: false),
                Reason = table.Column<string>(maxLength: 20, nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ReviewedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reports", x => x.Id);
                table.ForeignKey("FK_Reports_Posts_PostId", x => x.PostId, "Posts", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Reports_AspNetUsers_ReporterId", x => x.ReporterId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Reports_PostId_ReporterId", "Reports", ["PostId", "ReporterId"], unique: true);
        migrationBuilder.CreateIndex("IX_Reports_ReporterId", "Reports", "ReporterId");

        migrationBuilder.CreateTable(
            name: "SafetyFlags",
            columns: table => new
            {
                Id = Identity(table),
                PostId = table.Column<int>(nullable: false),
                Level = table.Column<string>(maxLength: 20, nullable: false),
                Reason = table.Column<string>(maxLength: 200, nullable: false),
                PostedAnyway = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ReviewedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SafetyFlags", x => x.Id);
                table.ForeignKey("FK_SafetyFlags_Posts_PostId", x => x.PostId, "Posts", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_SafetyFlags_PostId", "SafetyFlags", "PostId", unique: true);
        migrationBuilder.CreateIndex("IX_SafetyFlags_ReviewedAt", "SafetyFlags", "ReviewedAt");

        migrationBuilder.CreateTable(
            name: "CopingTips",
            columns: table => new
            {
                Id = Identity(table),
                GroupId = table.Column<int>(nullable: false),
                PostId = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 120, nullable: false),
                TagCodes = table.Column<string>(maxLength: 200, nullable: false),
                SharedWithNetwork = table.Column<bool>(nullable: false),
                SignedAs = table.Column<string>(maxLength: 20, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CopingTips", x => x.Id);
                table.ForeignKey("FK_CopingTips_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CopingTips_Posts_PostId", x => x.PostId, "Posts", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_CopingTips_PostId", "CopingTips", "PostId", unique: true);
        migrationBuilder.CreateIndex("IX_CopingTips_GroupId", "CopingTips", "GroupId");
        migrationBuilder.CreateIndex("IX_CopingTips_SharedWithNetwork", "CopingTips", "SharedWithNetwork");

        migrationBuilder.CreateTable(
            name: "Toolkit",
            columns: table => new
            {
                Id = Identity(table),
                UserId = table.Column<string>(nullable: false),
                TipId = table.Column<int>(nullable: false),
                SavedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Toolkit", x => x.Id);
                table.ForeignKey("FK_Toolkit_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Toolkit_CopingTips_TipId", x => x.TipId, "CopingTips", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Toolkit_UserId_TipId", "Toolkit", ["UserId", "TipId"], unique: true);
        migrationBuilder.CreateIndex("IX_Toolkit_TipId", "Toolkit", "TipId");

        migrationBuilder.CreateTable(
            name: "ModerationLog",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                At = table.Column<DateTime>(nullable: false),
                ModeratorId = table.Column<string>(nullable: true),
                GroupId = table.Column<int>(nullable: true),
                PostId = table.Column<int>(nullable: true),
                SubjectId = table.Column<string>(nullable: true),
                Action = table.Column<string>(maxLength: 30, nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                Until = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ModerationLog", x => x.Id);
                table.ForeignKey("FK_ModerationLog_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_ModerationLog_Posts_PostId", x => x.PostId, "Posts", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_ModerationLog_AspNetUsers_ModeratorId", x => x.ModeratorId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_ModerationLog_AspNetUsers_SubjectId", x => x.SubjectId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
            });
        migrationBuilder.CreateIndex("IX_ModerationLog_At", "ModerationLog", "At");
        migrationBuilder.CreateIndex("IX_ModerationLog_GroupId_At", "ModerationLog", ["GroupId", "At"]);
        migrationBuilder.CreateIndex("IX_ModerationLog_PostId", "ModerationLog", "PostId");
        migrationBuilder.CreateIndex("IX_ModerationLog_ModeratorId", "ModerationLog", "ModeratorId");
        migrationBuilder.CreateIndex("IX_ModerationLog_SubjectId", "ModerationLog", "SubjectId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "ModerationLog", "Toolkit", "CopingTips", "SafetyFlags", "Reports", "DiscussionNotices", "Blocks", "Reactions", "Posts", "Topics" })
        {
            migrationBuilder.DropTable(name: table);
        }

        migrationBuilder.DropColumn(name: "SuspendedUntil", table: "GroupMembers");
        migrationBuilder.DropColumn(name: "BannedAt", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "DiscussionDigest", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "DigestSentAt", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "MutedWords", table: "AspNetUsers");
    }

    private static OperationBuilder<AddColumnOperation> Identity(ColumnsBuilder table) =>
        table.Column<int>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
