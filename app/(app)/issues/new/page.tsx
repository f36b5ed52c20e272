import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { hasRole } from "@/lib/auth/roles";
import { listCategories } from "@/lib/services/categories";
import { listPeople } from "@/lib/services/members";
import { NewIssueForm } from "./new-issue-form";

export const metadata: Metadata = { title: "New issue" };

export default async function NewIssuePage() {
  const actor = await requireActor();
  if (!hasRole(actor.role, "analyst")) {
    return (
      <>
        <h1>New issue</h1>
        <div className="notice stack" role="status">
          <p>
            You need the analyst role to add issues to the watchlist. You are a {actor.role} in {actor.teamName}; ask an admin of your team to
            change your role.
          </p>
          <p>
            <Link href="/watchlist">Back to the watchlist</Link>
          </p>
        </div>
      </>
    );
  }
  const [categories, members] = await Promise.all([listCategories(actor), listPeople(actor)]);
  return (
    <>
      <div className="page-title">
        <h1>New issue</h1>
        <Link href="/watchlist">Back to the watchlist</Link>
      </div>
      <NewIssueForm categories={categories} members={members} />
    </>
  );
}
