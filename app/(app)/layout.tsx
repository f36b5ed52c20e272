import Link from "next/link";
import type { ReactNode } from "react";
import { requireActor } from "@/lib/auth/current";
import { SignOutButton } from "./sign-out-button";

// Everything behind sign-in shares this frame: the team, the sections, the way out.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <>
      <header className="app-header">
        <Link href="/" className="brand">
          Sanctions Watch
        </Link>
        <nav aria-label="Sections">
          <ul>
            <li>
              <Link href="/watchlist">Watchlist</Link>
            </li>
          </ul>
        </nav>
        <div className="who">
          <span>
            {actor.label} · {actor.teamName} ({actor.role})
          </span>
          <SignOutButton />
        </div>
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
