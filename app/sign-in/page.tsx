import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/current";
import { safeDestination } from "@/lib/auth/destination";
import { env } from "@/lib/env";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await currentActor()) redirect("/");
  const { next } = await searchParams;
  // Only this site: an open redirect would let a link send people elsewhere after signing in.
  const destination = safeDestination(next, env().appUrl);
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <h1>Sanctions Watch</h1>
        <p className="muted">Sign in to your team&apos;s watchlist.</p>
        <SignInForm destination={destination} />
      </div>
    </main>
  );
}
