import type { Metadata } from "next";
import { Suspense } from "react";
import { requireActor } from "@/lib/auth/current";
import { Dashboard } from "./dashboard/dashboard";
import { DashboardSkeleton } from "./dashboard/skeletons";

export const metadata: Metadata = { title: "Dashboard" };

// The home page after sign-in: the team's risk picture at a glance (issue 6). The heading paints at
// once; the numbers stream in behind a skeleton of the same shape.
export default async function DashboardPage() {
  const actor = await requireActor();
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Dashboard</h1>
          <p className="muted small dash-subtitle">{actor.teamName}: the watchlist at a glance</p>
        </div>
      </div>
      <Suspense fallback={<DashboardSkeleton />}>
        <Dashboard actor={actor} />
      </Suspense>
    </>
  );
}
