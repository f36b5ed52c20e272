import type { Metadata } from "next";
import Link from "next/link";
import { currentActor } from "@/lib/auth/current";
import { findPendingInvitation } from "@/lib/services/invitations";
import { AcceptInvitationForm } from "./accept-form";

export const metadata: Metadata = { title: "Join a team" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, actor] = await Promise.all([findPendingInvitation(token), currentActor()]);
  return (
    <main id="main" className="auth-page">
      <div className="auth-card stack">
        <h1>Join a team</h1>
        {!invitation ? (
          <>
            <p role="alert" className="error-message">
              This invitation link is no longer valid (used, revoked or expired). Ask your team&apos;s admin for a new one.
            </p>
            <Link href="/sign-in">Go to sign-in</Link>
          </>
        ) : (
          <>
            <p>
              You are invited to <strong>{invitation.teamName}</strong> as <strong>{invitation.role}</strong>, with the address <strong>{invitation.email}</strong>.
            </p>
            {!actor && (
              <p className="notice">
                Already have an account for {invitation.email}? <Link href={`/sign-in?next=/invite/${encodeURIComponent(token)}`}>Sign in</Link> first, then open this link again. Otherwise, choose your name and a password.
              </p>
            )}
            <AcceptInvitationForm token={token} email={invitation.email} newAccount={!actor} />
          </>
        )}
      </div>
    </main>
  );
}
