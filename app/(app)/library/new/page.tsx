import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { hasRole } from "@/lib/auth/roles";
import { listSources } from "@/lib/services/sources";
import { Intake } from "./intake";

export const metadata: Metadata = { title: "Add evidence" };

export default async function NewDocumentPage() {
  const actor = await requireActor();
  if (!hasRole(actor.role, "analyst")) {
    return (
      <>
        <h1>Add evidence</h1>
        <div className="notice stack" role="status">
          <p>
            You need the analyst role to add documents to the library. You are a {actor.role} in {actor.teamName}; ask an admin of your team to
            change your role.
          </p>
          <p>
            <Link href="/library">Back to the evidence library</Link>
          </p>
        </div>
      </>
    );
  }
  return (
    <>
      <div className="page-title">
        <h1>Add evidence</h1>
        <Link href="/library">Back to the evidence library</Link>
      </div>
      <p className="muted">
        Paste an article, statement or report, upload it, or fetch it by its URL. The analysis suggests its details and the issues it
        bears on; you confirm, grade and save.
      </p>
      <Intake initialSources={await listSources(actor)} />
    </>
  );
}
