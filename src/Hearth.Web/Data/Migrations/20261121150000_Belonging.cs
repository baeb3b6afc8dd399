using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Hearth.Web.Data.Migrations;

/// <summary>Starting and running a group: description, FAQ, capacity, breaks, join requests and waiting lists, invites, first chats.</summary>
[DbContext(typeof(HearthDb))]
[Migration("20261121150000_Belonging")]
public sealed class Belonging : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Description", table: "Groups", maxLength: 4000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "Faq", table: "Groups", maxLength: 4000, nullable: true);
        migrationBuilder.AddColumn<int>(name: "Capacity", table: "Groups", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "BreakUntil", table: "GroupMembers", nullable: true);

        migrationBuilder.CreateTable(
            name: "JoinRequests",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                GroupId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                State = table.Column<string>(maxLength: 20, nullable: false),
                Message = table.Column<string>(maxLength: 1000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                AgreementVersionAccepted = table.Column<int>(nullable: false),
                OfferedUntil = table.Column<DateTime>(nullable: true),
                DeclineReason = table.Column<string>(maxLength: 40, nullable: true),
                DecidedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_JoinRequests", x => x.Id);
                table.ForeignKey("FK_JoinRequests_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_JoinRequests_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_JoinRequests_GroupId_UserId", "JoinRequests", ["GroupId", "UserId"], unique: true);
        migrationBuilder.CreateIndex("IX_JoinRequests_UserId", "JoinRequests", "UserId");

        migrationBuilder.CreateTable(
            name: "GroupInvites",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                GroupId = table.Column<int>(nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                RevokedAt = table.Column<DateTime>(nullable: true),
                Uses = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GroupInvites", x => x.Id);
                table.ForeignKey("FK_GroupInvites_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_GroupInvites_TokenHash", "GroupInvites", "TokenHash", unique: true);
        migrationBuilder.CreateIndex("IX_GroupInvites_GroupId", "GroupInvites", "GroupId");

        migrationBuilder.CreateTable(
            name: "Conversations",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                GroupId = table.Column<int>(nullable: false),
                PersonId = table.Column<string>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                LastMessageAt = table.Column<DateTime>(nullable: false),
                PersonReadAt = table.Column<DateTime>(nullable: true),
                OrganisersReadAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Conversations", x => x.Id);
                table.ForeignKey("FK_Conversations_AspNetUsers_PersonId", x => x.PersonId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Conversations_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Conversations_GroupId_PersonId", "Conversations", ["GroupId", "PersonId"], unique: true);
        migrationBuilder.CreateIndex("IX_Conversations_PersonId", "Conversations", "PersonId");

        migrationBuilder.CreateTable(
            name: "ConversationMessages",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConversationId = table.Column<int>(nullable: false),
                AuthorId = table.Column<string>(nullable: true),
                FromOrganisers = table.Column<bool>(nullable: false),
                Body = table.Column<string>(maxLength: 2000, nullable: false),
                SentAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConversationMessages", x => x.Id);
                table.ForeignKey("FK_ConversationMessages_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_ConversationMessages_Conversations_ConversationId", x => x.ConversationId, "Conversations", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ConversationMessages_AuthorId", "ConversationMessages", "AuthorId");
        migrationBuilder.CreateIndex("IX_ConversationMessages_ConversationId_SentAt", "ConversationMessages", ["ConversationId", "SentAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ConversationMessages");
        migrationBuilder.DropTable(name: "Conversations");
        migrationBuilder.DropTable(name: "GroupInvites");
        migrationBuilder.DropTable(name: "JoinRequests");
        migrationBuilder.DropColumn(name: "BreakUntil", table: "GroupMembers");
        migrationBuilder.DropColumn(name: "Capacity", table: "Groups");
        migrationBuilder.DropColumn(name: "Faq", table: "Groups");
        migrationBuilder.DropColumn(name: "Description", table: "Groups");
    }
}
