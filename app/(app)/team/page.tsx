import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { listApiTokens } from "@/lib/services/api-tokens";
import { listInvitations } from "@/lib/services/invitations";
import { listMembers } from "@/lib/services/members";
import { InvitationsPanel } from "./invitations-panel";
import { MembersTable } from "./members-table";
import { TokensPanel } from "./tokens-panel";
import { TimeZoneForm } from "./time-zone-form";
import { getTeamSettings } from "@/lib/services/team-settings";

export const metadata: Metadata = { title: "Team" };

// Team settings: everyone sees who is in the team; admins also manage roles, invitations and tokens.
export default async function TeamPage() {
  const actor = await requireActor();
  const isAdmin = actor.role === "admin";
  const [members, invitations, tokens, settings] = await Promise.all([
    listMembers(actor),
    isAdmin ? listInvitations(actor) : Promise.resolve([]),
    isAdmin ? listApiTokens(actor) : Promise.resolve([]),
    getTeamSettings(actor),
  ]);
  return (
    <div className="stack">
      <div className="page-title">
        <h1>Team: {actor.teamName}</h1>
      </div>
      <section aria-labelledby="members-heading" className="card">
        <h2 id="members-heading">Members</h2>
        <MembersTable members={members} canManage={isAdmin} />
      </section>
      <section aria-labelledby="time-zone-heading" className="card">
        <h2 id="time-zone-heading">Time zone</h2>
        <p className="muted">Email digests cover a day, or a week from Monday, in this time zone.</p>
        {isAdmin ? <TimeZoneForm timeZone={settings.timeZone} /> : <p>{settings.timeZone}</p>}
      </section>
      {isAdmin ? (
        <>
          <section aria-labelledby="invitations-heading" className="card">
            <h2 id="invitations-heading">Invitations</h2>
            <InvitationsPanel invitations={invitations} />
          </section>
          <section aria-labelledby="tokens-heading" className="card">
            <h2 id="tokens-heading">API tokens</h2>
            <TokensPanel tokens={tokens} />
          </section>
          <section aria-labelledby="webhooks-heading" className="card">
            <h2 id="webhooks-heading">Webhooks</h2>
            <p>
              Send the team&apos;s events to Slack, Teams or your own service: <Link href="/team/webhooks">manage webhooks and their delivery logs</Link>.
            </p>
          </section>
        </>
      ) : (
        <p className="muted">Admins invite members, change roles and manage API tokens.</p>
      )}
    </div>
  );
}
