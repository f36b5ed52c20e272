-- AlterEnum
ALTER TYPE "FollowKind" ADD VALUE 'briefing_schedule';

-- CreateTable
CREATE TABLE "briefing_schedule" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "marking" TEXT NOT NULL DEFAULT 'TLP:CLEAR',
    "keyJudgments" TEXT NOT NULL DEFAULT '',
    "filter" JSONB NOT NULL,
    "cadence" TEXT NOT NULL,
    "dayOfWeek" INTEGER,
    "hour" INTEGER NOT NULL,
    "pausedAt" TIMESTAMP(3),
    "dueAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastRunAt" TIMESTAMP(3),
    "lastBriefingId" TEXT,
    "lastError" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "briefing_schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "briefing_schedule_run" (
    "id" TEXT NOT NULL,
    "scheduleId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "briefingId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "briefing_schedule_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_reminder" (
    "issueId" TEXT NOT NULL,
    "reviewAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_reminder_pkey" PRIMARY KEY ("issueId","reviewAt")
);

-- CreateIndex
CREATE INDEX "briefing_schedule_teamId_createdAt_idx" ON "briefing_schedule"("teamId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "briefing_schedule_run_scheduleId_dueAt_key" ON "briefing_schedule_run"("scheduleId", "dueAt");

-- AddForeignKey
ALTER TABLE "briefing_schedule" ADD CONSTRAINT "briefing_schedule_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "briefing_schedule_run" ADD CONSTRAINT "briefing_schedule_run_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "briefing_schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_reminder" ADD CONSTRAINT "review_reminder_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;
