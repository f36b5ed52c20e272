import "server-only";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/auth";
import { db } from "@/lib/db/client";
import { defaultCategories } from "@/lib/domain/categories";
import { riskScore } from "@/lib/domain/risk";
import { nextReviewDate } from "@/lib/domain/review";
import { contentHash, findQuote } from "@/lib/analysis/text";
import { env } from "@/lib/env";
import { recordEvent } from "@/lib/services/events";
import { demoIssues, demoSources, demoTeam, referenceArticle } from "./demo-data";

// First start on an empty database: the demo team, its admin, categories, sources, the reference
// article and the four issues it evidences. Safe to run again: it only adds what is missing.

export async function hasAnyTeam(): Promise<boolean> {
  return (await db.team.count()) > 0;
}

export function readReferenceArticle(): string {
  return readFileSync(path.join(import.meta.dirname, "../../prisma/seed", referenceArticle.file), "utf8");
}

export async function seedDemoTeam() {
  const { seedAdmin, nodeEnv } = env();
  if (nodeEnv === "production" && seedAdmin.isDefault) {
    throw new Error("Refusing to seed the demo admin with the default password in production: set SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD.");
  }
  const passwordHash = await hashPassword(seedAdmin.password);
  const text = readReferenceArticle();

  return db.$transaction(async (tx) => {
    const team = await tx.team.upsert({ where: { slug: demoTeam.slug }, update: {}, create: demoTeam });
    let user = await tx.user.findUnique({ where: { email: seedAdmin.email } });
    if (!user) {
      user = await tx.user.create({ data: { id: randomUUID(), email: seedAdmin.email, name: "Demo admin", emailVerified: true } });
      await tx.account.create({
        data: { id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: passwordHash },
      });
    }
    await tx.membership.upsert({
      where: { teamId_userId: { teamId: team.id, userId: user.id } },
      update: {},
      create: { teamId: team.id, userId: user.id, role: "admin" },
    });
    const actor: Actor = { kind: "user", userId: user.id, tokenId: null, label: "Seed", teamId: team.id, teamName: team.name, role: "admin" };

    for (const category of defaultCategories) {
      await tx.category.upsert({ where: { teamId_slug: { teamId: team.id, slug: category.slug } }, update: {}, create: { ...category, teamId: team.id } });
    }
    const categories = new Map((await tx.category.findMany({ where: { teamId: team.id } })).map((c) => [c.slug, c.id]));
    for (const source of demoSources) {
      await tx.source.upsert({ where: { teamId_name: { teamId: team.id, name: source.name } }, update: {}, create: { ...source, teamId: team.id } });
    }
    const source = await tx.source.findUniqueOrThrow({ where: { teamId_name: { teamId: team.id, name: referenceArticle.source } } });

    const hash = contentHash(text);
    const document = await tx.document.upsert({
      where: { teamId_contentHash: { teamId: team.id, contentHash: hash } },
      update: {},
      create: {
        teamId: team.id,
        sourceId: source.id,
        title: referenceArticle.title,
        text,
        contentHash: hash,
        attribution: referenceArticle.attribution,
        createdById: user.id,
      },
    });

    let created = 0;
    // The demo admin owns the demo issues, so the watchlist's "My issues" shows them at first sign-in.
    for (const { evidence, category, ...fields } of demoIssues) {
      const issue = { ...fields, ownerId: user.id };
      let existing = await tx.issue.findFirst({ where: { teamId: team.id, title: issue.title }, select: { id: true } });
      if (!existing) {
        existing = await tx.issue.create({
          data: {
            ...issue,
            teamId: team.id,
            categoryId: categories.get(category)!,
            riskScore: riskScore(issue.likelihood, issue.impact),
            nextReviewAt: nextReviewDate(issue.status, new Date()),
          },
          select: { id: true },
        });
        await recordEvent(tx, actor, { entityType: "issue", entityId: existing.id, action: "created", after: { ...issue, category } });
        created++;
      }
      const at = findQuote(text, evidence.quote);
      if (!at) throw new Error(`Seed quote is not in the reference article: ${evidence.quote}`);
      const linked = await tx.evidence.findFirst({ where: { issueId: existing.id, documentId: document.id, quoteStart: at.start } });
      if (!linked) {
        const row = await tx.evidence.create({
          data: { ...evidence, teamId: team.id, issueId: existing.id, documentId: document.id, quoteStart: at.start, quoteEnd: at.end, addedById: user.id },
        });
        await recordEvent(tx, actor, {
          entityType: "evidence",
          entityId: row.id,
          action: "evidence_added",
          after: { issueId: existing.id, documentId: document.id, quote: evidence.quote, credibility: evidence.credibility, stance: evidence.stance },
        });
      }
    }
    return `Seeded team "${team.name}" (${created} new issues); admin ${seedAdmin.email}`;
  });
}
