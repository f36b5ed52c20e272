import Link from "next/link";
import type { ReactNode } from "react";
import { myTeams, requireActor } from "@/lib/auth/current";
import { unreadInboxCount } from "@/lib/services/inbox";
import { unreadCount } from "@/lib/services/notifications";
import { InboxLink } from "./inbox-link";
import { NotificationBell } from "./notification-bell";
import { SignOutButton } from "./sign-out-button";
import { TeamSwitcher } from "./team-switcher";

// Everything behind sign-in shares this frame: the team, the sections, the way out.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const [teams, unread, inboxUnread] = await Promise.all([myTeams(), unreadCount(actor), unreadInboxCount(actor)]);
  return (
    <>
      <header className="app-header">
        <Link href="/" className="brand">
          Sanctions Watch
        </Link>
        <nav aria-label="Sections">
          <ul>
            <li>
              <Link href="/">Dashboard</Link>
            </li>
            <li>
              <Link href="/watchlist">Watchlist</Link>
            </li>
            <li>
              <Link href="/library">Evidence library</Link>
            </li>
            <li>
              <InboxLink initialUnread={inboxUnread} />
            </li>
            <li>
              <Link href="/sources">Sources</Link>
            </li>
            <li>
              <Link href="/entities">Entities</Link>
            </li>
            <li>
              <Link href="/briefings">Briefings</Link>
            </li>
            <li>
              <Link href="/lists">Lists</Link>
            </li>
            <li>
              <Link href="/screening">Screening</Link>
            </li>
            <li>
              <Link href="/team">Team</Link>
            </li>
            {actor.role === "admin" && (
              <li>
                <Link href="/audit">Audit log</Link>
              </li>
            )}
            {actor.role === "admin" && (
              <li>
                <Link href="/jobs">Jobs</Link>
              </li>
            )}
          </ul>
        </nav>
        <div className="who">
          <NotificationBell initialUnread={unread} />
          <span>{actor.label}</span>
          <TeamSwitcher teams={teams} />
          <span className="muted-on-dark">({actor.role})</span>
          <SignOutButton />
        </div>
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
