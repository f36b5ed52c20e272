import type { Metadata } from "next";
import Link from "next/link";
import { hasRole } from "@/lib/auth/roles";
import { listComments } from "@/lib/services/comments";
import { isFollowing } from "@/lib/services/follows";
import { entityHistory, getEntity, listEntities } from "@/lib/services/entities/entities";
import { listPeople } from "@/lib/services/members";
import { loaderOrNotFound } from "@/lib/ui/load-or-not-found";
import { Comments } from "@/app/components/comments/comments";
import { FollowButton } from "@/app/components/follow-button";
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
  const [history, others, comments, members, following] = await Promise.all([
    entityHistory(actor, id),
    canEdit ? listEntities(actor, { page: 1, pageSize: 100 }) : null,
    listComments(actor, { entityId: id }),
    listPeople(actor),
    isFollowing(actor, "entity", id),
  ]);
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href="/entities">← Entities</Link>
      </nav>
      <FollowButton kind="entity" targetId={entity.id} what="entity" initial={following} />
      <EntityView entity={entity} canEdit={canEdit} others={(others?.items ?? []).filter((e) => e.id !== id).map((e) => ({ id: e.id, name: e.name }))} />
      <Comments target={{ kind: "entities", id }} initial={comments} members={members} viewer={{ userId: actor.userId, canWrite: canEdit, isAdmin: actor.role === "admin" }} />
      <EntityTimeline events={history} />
    </div>
  );
}
