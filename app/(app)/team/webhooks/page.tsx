import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { listWebhooks } from "@/lib/services/webhooks";
import { WebhooksPanel } from "./webhooks-panel";

export const metadata: Metadata = { title: "Webhooks" };

// Team webhooks for admins (issue 15): add one, see its secret once, and read each one's delivery log.
export default async function WebhooksPage() {
  const actor = await requireActor();
  if (actor.role !== "admin") {
    return (
      <div className="empty-state">
        <h1>Webhooks</h1>
        <p>Webhooks are managed by the team&apos;s admins.</p>
      </div>
    );
  }
  const webhooks = await listWebhooks(actor);
  return (
    <div className="stack">
      <div className="page-title">
        <h1>Webhooks</h1>
        <Link href="/team">Back to the team</Link>
      </div>
      <p className="muted">
        Sanctions Watch POSTs the events you choose to your URL as JSON (or a Slack or Teams message), signed with the header{" "}
        <code>X-SW-Signature: t=&lt;unix seconds&gt;,v1=&lt;HMAC-SHA256 of &quot;t.body&quot;&gt;</code>. Each payload&apos;s <code>id</code> stays the same when
        it is retried: deduplicate on it. Failed deliveries are retried for 24 hours; after 20 failures in a row the webhook is disabled and admins are
        notified. How to check a signature: <code>docs/webhooks.md</code>.
      </p>
      <WebhooksPanel webhooks={webhooks} />
    </div>
  );
}
