import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createEntity } from "@/lib/services/entities/entities";
import { demoIssues, demoTeam } from "./demo-data";

// The companies the demo team tracks on its issues, written as reporting writes them (not as the list does).
// China Head Aerospace was on the SDN list before April 2024, so it has a hit at once; OFAC designated the other
// three on 1 May 2024: importing that release (README) makes their hits arrive.
const TRACKED: Array<{ name: string; issue: number }> = [
  { name: "China Head Aerospace Technology Co.", issue: 0 },
  { name: "Juhang Aviation Technology (Shenzhen) Co., Ltd.", issue: 0 },
  { name: "Wuhan Global Sensor Technology Co Ltd", issue: 2 },
  { name: "Chongqing Zongshen Aero Engine Manufacturing Company", issue: 3 },
];

/** Tracks the demo's entities (each screened at once) unless the demo team tracks some already; says what it did. */
export async function seedTrackedEntities(): Promise<string> {
  const team = await db.team.findUniqueOrThrow({ where: { slug: demoTeam.slug }, select: { id: true, name: true } });
  if ((await db.entity.count({ where: { teamId: team.id } })) > 0) return "The demo team already tracks entities.";
  const admin = await db.user.findUniqueOrThrow({ where: { email: env().seedAdmin.email }, select: { id: true } });
  const actor: Actor = { kind: "user", userId: admin.id, tokenId: null, label: "Seed", teamId: team.id, teamName: team.name, role: "admin" };
  const issues = await db.issue.findMany({ where: { teamId: team.id, title: { in: demoIssues.map((issue) => issue.title) } }, select: { id: true, title: true } });
  const issueId = (index: number) => issues.find((issue) => issue.title === demoIssues[index]!.title)!.id;
  let hits = 0;
  for (const { name, issue } of TRACKED) {
    const entity = await createEntity(actor, { type: "organization", name, aliases: [], country: "CN", identifiers: [], notes: "", issueIds: [issueId(issue)], documentIds: [] });
    hits += entity.hits.length;
  }
  return `Tracking ${TRACKED.length} entities on the demo issues (${hits} ${hits === 1 ? "hit" : "hits"} to review).`;
}
