import type { Metadata } from "next";
import Link from "next/link";
import { hasRole } from "@/lib/auth/roles";
import { entityHistory, getEntity, listEntities } from "@/lib/services/entities/entities";
import { loaderOrNotFound } from "@/lib/ui/load-or-not-found";
import { EntityView } from "./entity-view";
import { EntityTimeline } from "./timeline";

type Props = { params: Promise<{ id: string }> };

const loadEntity = loaderOrNotFound(getEntity);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { record: entity } = await loadEntity((await params).id);
  return { title: entity.name };
}

export default async function EntityPage({ params }: Props) {
  const { id } = await params;
  const { actor, record: entity } = await loadEntity(id);
  const canEdit = hasRole(actor.role, "analyst");
  const [history, others] = await Promise.all([entityHistory(actor, id), canEdit ? listEntities(actor, { page: 1, pageSize: 100 }) : null]);
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href="/entities">← Entities</Link>
      </nav>
      <EntityView entity={entity} canEdit={canEdit} others={(others?.items ?? []).filter((e) => e.id !== id).map((e) => ({ id: e.id, name: e.name }))} />
      <EntityTimeline events={history} />
    </div>
  );
}
