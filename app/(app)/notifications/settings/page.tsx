import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { getEmailPreferences } from "@/lib/services/email/preferences";
import { EmailPreferencesForm } from "./email-preferences-form";
import { FeedPanel } from "./feed-panel";

export const metadata: Metadata = { title: "Notification settings" };

// How notifications reach you beyond the app: email per kind (at once, daily or weekly digest, or not), and a
// personal Atom feed for a feed reader.
export default async function NotificationSettingsPage() {
  const actor = await requireActor();
  const settings = await getEmailPreferences(actor);
  return (
    <div className="stack">
      <div className="page-title">
        <h1>Notification settings</h1>
        <Link href="/notifications" className="button">
          Back to notifications
        </Link>
      </div>
      <section aria-labelledby="email-heading" className="card">
        <h2 id="email-heading">Email</h2>
        {!settings.emailEnabled && (
          <p className="notice" role="status">
            Email is off on this server: no SMTP server is configured (<code>SMTP_URL</code>). Your choices are kept and apply once an administrator sets one up.
          </p>
        )}
        <p className="muted">
          Every notification is in the app whatever you choose here. Digests cover a day, or a week from Monday, in the team&apos;s time zone ({settings.timeZone}); admins change it on
          the Team page. Every email has a link that stops that kind of email.
        </p>
        <EmailPreferencesForm email={settings.email} />
      </section>
      <section aria-labelledby="feed-heading" className="card">
        <h2 id="feed-heading">Personal Atom feed</h2>
        <p className="muted">Your notifications in this team for a feed reader. The link is secret: anyone who has it can read them. Make a new one or revoke it any time.</p>
        <FeedPanel feed={settings.feed} />
      </section>
    </div>
  );
}
