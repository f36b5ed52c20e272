import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { dueToRun, nextDueAfter, type BriefingTiming, type ScheduleCadence } from "@/lib/briefings/schedule";
import { db, type Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { briefingFilterSchema, MAX_BRIEFING_ISSUES, type BriefingFilter } from "@/lib/validation/briefings";
import type { BriefingScheduleList, BriefingScheduleView, CreateBriefingScheduleInput, UpdateBriefingScheduleInput } from "@/lib/validation/briefing-schedules";
import { createBriefing } from "./briefings";
import { recordEvent } from "./events";
import { followByDefault } from "./follows";
import { listIssues } from "./watchlist";

// Scheduled briefings (issue 15, item 5): a briefing's filter, title and marking with a daily or weekly hour on the
// team's clock. The sweep (job briefings.run-due, every minute) makes the snapshot as POST /api/briefings does and
// its followers are told, with the download links, through the `briefing created` event (the outbox). Each due time
// makes one briefing however many instances sweep and however often: a run row keyed by schedule and due time is
// written in the briefing's own transaction, so a second attempt finds the key taken and writes nothing.

const scheduleSelect = {
  id: true,
  teamId: true,
  title: true,
  marking: true,
  keyJudgments: true,
  filter: true,
  cadence: true,
  dayOfWeek: true,
  hour: true,
  pausedAt: true,
  dueAfter: true,
  lastRunAt: true,
  lastBriefingId: true,
  lastError: true,
  createdAt: true,
} satisfies Prisma.BriefingScheduleSelect;
type ScheduleRow = Prisma.BriefingScheduleGetPayload<{ select: typeof scheduleSelect }>;

const timingOf = (row: Pick<ScheduleRow, "cadence" | "dayOfWeek" | "hour">): BriefingTiming => ({ cadence: row.cadence as ScheduleCadence, dayOfWeek: row.dayOfWeek, hour: row.hour });

function toView(row: ScheduleRow, timeZone: string, following: boolean, now: Date): BriefingScheduleView {
  return {
    id: row.id,
    title: row.title,
    marking: row.marking as BriefingScheduleView["marking"],
    keyJudgments: row.keyJudgments,
    filter: (row.filter ?? {}) as Record<string, unknown>,
    cadence: row.cadence as ScheduleCadence,
    dayOfWeek: row.dayOfWeek,
    hour: row.hour,
    timeZone,
    paused: row.pausedAt !== null,
    nextRunAt: row.pausedAt ? null : nextDueAfter(timingOf(row), timeZone, now).toISOString(),
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    lastBriefingId: row.lastBriefingId,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    following,
  };
}

async function teamTimeZone(teamId: string): Promise<string> {
  return (await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { timeZone: true } })).timeZone;
}

async function followedIds(actor: Actor, ids: string[]): Promise<Set<string>> {
  if (!actor.userId || ids.length === 0) return new Set();
  const rows = await db.follow.findMany({ where: { teamId: actor.teamId, userId: actor.userId, kind: "briefing_schedule", targetId: { in: ids } }, select: { targetId: true } });
  return new Set(rows.map((r) => r.targetId));
}

/** The team's schedules, oldest first, with when each runs next. */
export async function listBriefingSchedules(actor: Actor, now = new Date()): Promise<BriefingScheduleList> {
  const [rows, timeZone] = await Promise.all([
    db.briefingSchedule.findMany({ where: { teamId: actor.teamId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: scheduleSelect }),
    teamTimeZone(actor.teamId),
  ]);
  const following = await followedIds(actor, rows.map((r) => r.id));
  return { items: rows.map((row) => toView(row, timeZone, following.has(row.id), now)), timeZone };
}

async function findSchedule(actor: Actor, id: string): Promise<ScheduleRow> {
  const row = await db.briefingSchedule.findFirst({ where: { id, teamId: actor.teamId }, select: scheduleSelect });
  if (!row) throw notFound("Briefing schedule");
  return row;
}

export async function getBriefingSchedule(actor: Actor, id: string): Promise<BriefingScheduleView> {
  const row = await findSchedule(actor, id);
  const [timeZone, following] = await Promise.all([teamTimeZone(actor.teamId), followedIds(actor, [id])]);
  return toView(row, timeZone, following.has(id), new Date());
}

/**
 * The filter as it is kept: "my issues" becomes the maker's own id (the schedule runs as nobody), and a filter
 * that already matches more than a briefing holds is refused now rather than failing at every run.
 */
async function filterToKeep(actor: Actor, filter: BriefingFilter): Promise<BriefingFilter> {
  const kept = filter.owner === "me" ? { ...filter, owner: actor.userId ?? undefined } : filter;
  if (filter.owner === "me" && !actor.userId) throw new AppError("validation_failed", "The request is not valid", { fields: { "filter.owner": ["This token's creator has left: name the owner"] } });
  const { total } = await listIssues(actor, { ...kept, page: 1, pageSize: 1 });
  if (total > MAX_BRIEFING_ISSUES) {
    throw new AppError("validation_failed", "The request is not valid", { fields: { filter: [`${total} issues match this filter; a briefing holds at most ${MAX_BRIEFING_ISSUES}. Narrow the filter.`] } });
  }
  return kept;
}

const asJson = (filter: BriefingFilter) => JSON.parse(JSON.stringify(filter)) as Prisma.InputJsonObject;

/** Saves a schedule; whoever makes it follows it. Its first run is the first due time after now. */
export async function createBriefingSchedule(actor: Actor, input: CreateBriefingScheduleInput): Promise<BriefingScheduleView> {
  const filter = await filterToKeep(actor, input.filter);
  const now = new Date();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.briefingSchedule.create({
      data: {
        teamId: actor.teamId,
        title: input.title,
        marking: input.marking,
        keyJudgments: input.keyJudgments,
        filter: asJson(filter),
        cadence: input.cadence,
        dayOfWeek: input.cadence === "weekly" ? (input.dayOfWeek ?? null) : null,
        hour: input.hour,
        dueAfter: now,
        createdById: actor.userId,
      },
      select: scheduleSelect,
    });
    await followByDefault(tx, actor.teamId, "briefing_schedule", created.id, [actor.userId]);
    await recordEvent(tx, actor, { entityType: "briefing_schedule", entityId: created.id, action: "schedule_created", after: { title: input.title, cadence: input.cadence, dayOfWeek: created.dayOfWeek, hour: input.hour, filter } });
    return created;
  });
  return toView(row, await teamTimeZone(actor.teamId), Boolean(actor.userId), now);
}

/** Changes, pauses or resumes a schedule. A change of timing or a resume counts from now: missed due times are not made. */
export async function updateBriefingSchedule(actor: Actor, id: string, input: UpdateBriefingScheduleInput): Promise<BriefingScheduleView> {
  const before = await findSchedule(actor, id);
  const cadence = input.cadence ?? (before.cadence as ScheduleCadence);
  const dayOfWeek = cadence === "daily" ? null : input.dayOfWeek !== undefined ? input.dayOfWeek : before.dayOfWeek;
  if (cadence === "daily" && input.dayOfWeek !== undefined && input.dayOfWeek !== null) {
    throw new AppError("validation_failed", "The request is not valid", { fields: { dayOfWeek: ["A daily briefing runs every day: leave the day out"] } });
  }
  if (cadence === "weekly" && dayOfWeek === null) {
    throw new AppError("validation_failed", "The request is not valid", { fields: { dayOfWeek: ["A weekly briefing needs its day: 1 (Monday) to 7 (Sunday)"] } });
  }
  const filter = input.filter ? await filterToKeep(actor, input.filter) : undefined;
  const now = new Date();
  const retimed = input.cadence !== undefined || input.dayOfWeek !== undefined || input.hour !== undefined;
  const resumed = input.paused === false && before.pausedAt !== null;
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.briefingSchedule.update({
      where: { id: before.id },
      data: {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.marking !== undefined ? { marking: input.marking } : {}),
        ...(input.keyJudgments !== undefined ? { keyJudgments: input.keyJudgments } : {}),
        ...(filter ? { filter: asJson(filter) } : {}),
        cadence,
        dayOfWeek,
        ...(input.hour !== undefined ? { hour: input.hour } : {}),
        ...(input.paused === true && before.pausedAt === null ? { pausedAt: now } : {}),
        ...(resumed ? { pausedAt: null } : {}),
        ...(retimed || resumed ? { dueAfter: now } : {}),
      },
      select: scheduleSelect,
    });
    const action = input.paused === true && before.pausedAt === null ? "schedule_paused" : resumed ? "schedule_resumed" : "schedule_updated";
    await recordEvent(tx, actor, { entityType: "briefing_schedule", entityId: id, action, after: { ...input, ...(filter ? { filter } : {}) } });
    return updated;
  });
  const [timeZone, following] = await Promise.all([teamTimeZone(actor.teamId), followedIds(actor, [id])]);
  return toView(row, timeZone, following.has(id), now);
}

/** Deletes a schedule and its follows; the briefings it made stay. */
export async function deleteBriefingSchedule(actor: Actor, id: string): Promise<void> {
  const before = await findSchedule(actor, id);
  await db.$transaction(async (tx) => {
    await tx.follow.deleteMany({ where: { teamId: actor.teamId, kind: "briefing_schedule", targetId: id } });
    await tx.briefingSchedule.delete({ where: { id } });
    await recordEvent(tx, actor, { entityType: "briefing_schedule", entityId: id, action: "schedule_deleted", before: { title: before.title } });
  });
}

// ---------------------------------------------------------------- the sweep

/** How a scheduled briefing names its maker in the history and on the briefing. */
export const SCHEDULE_ACTOR_LABEL = "Scheduled briefing";

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: unknown; cause?: { code?: unknown; originalCode?: unknown } } | null;
  return e?.code === "P2002" || e?.code === "23505" || e?.cause?.originalCode === "23505";
};

export type SweepResult = { due: number; made: number; alreadyMade: number; failed: number };

/**
 * Makes one briefing for each schedule whose due time has come (the job briefings.run-due). A schedule whose
 * filter now fails (too many issues) records why and waits for its next due time; a database failure is thrown
 * after the other schedules have had their turn, so the job is retried.
 */
export async function runDueBriefingSchedules(options: { now?: Date; teamId?: string } = {}): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const rows = await db.briefingSchedule.findMany({
    where: { pausedAt: null, ...(options.teamId ? { teamId: options.teamId } : {}) },
    select: { ...scheduleSelect, team: { select: { name: true, timeZone: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const result: SweepResult = { due: 0, made: 0, alreadyMade: 0, failed: 0 };
  let failure: unknown = null;
  for (const row of rows) {
    const due = dueToRun(timingOf(row), row.team.timeZone, row.dueAfter, now);
    if (!due) continue;
    result.due++;
    try {
      await runSchedule(row, row.team.name, due, now);
      result.made++;
    } catch (error) {
      if (isUniqueViolation(error)) result.alreadyMade++;
      else if (error instanceof AppError) {
        result.failed++;
        await db.briefingSchedule.updateMany({ where: { id: row.id, dueAfter: { lt: due } }, data: { dueAfter: due, lastError: error.message + detailText(error), lastRunAt: now } });
      } else {
        result.failed++;
        failure ??= error;
      }
    }
  }
  if (failure) throw failure;
  return result;
}

const detailText = (error: AppError) => {
  const fields = (error.details as { fields?: Record<string, string[]> } | undefined)?.fields;
  return fields ? `: ${Object.values(fields).flat().join(" ")}` : "";
};

/** One due time of one schedule: the briefing, its run row and the schedule's bookkeeping, in one transaction. */
async function runSchedule(row: ScheduleRow, teamName: string, due: Date, now: Date) {
  // Nobody's action: no member is left out as "the actor", and "my issues" was resolved when it was saved.
  const actor: Actor = { kind: "user", userId: null, tokenId: null, label: SCHEDULE_ACTOR_LABEL, teamId: row.teamId, teamName, role: "analyst" };
  const filter = briefingFilterSchema.parse(row.filter ?? {});
  await createBriefing(
    actor,
    { title: row.title, marking: row.marking as BriefingScheduleView["marking"], keyJudgments: row.keyJudgments, filter },
    {
      event: { scheduleId: row.id, dueAt: due.toISOString() },
      within: async (tx: Tx, briefingId: string) => {
        // The unique key (schedule, due time): taken already, the whole briefing is rolled back.
        await tx.briefingScheduleRun.create({ data: { scheduleId: row.id, dueAt: due, briefingId }, select: { id: true } });
        await tx.briefingSchedule.update({ where: { id: row.id }, data: { dueAfter: due, lastRunAt: now, lastBriefingId: briefingId, lastError: null }, select: { id: true } });
      },
    },
  );
}
