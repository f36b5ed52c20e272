-- CreateEnum
CREATE TYPE "InboxState" AS ENUM ('new', 'accepted', 'dismissed', 'snoozed');

-- CreateTable
CREATE TABLE "feed" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "intervalMinutes" INTEGER NOT NULL DEFAULT 30,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "etag" TEXT,
    "lastModified" TEXT,
    "lastPolledAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastErrorAt" TIMESTAMP(3),
    "lastErrorReason" TEXT,
    "lastError" TEXT,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "itemsSeen" INTEGER NOT NULL DEFAULT 0,
    "lastPollNote" TEXT,
    "nextPollAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "feed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_item" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "feedId" TEXT,
    "url" TEXT,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "guid" TEXT,
    "contentHash" TEXT NOT NULL,
    "state" "InboxState" NOT NULL DEFAULT 'new',
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_item_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "feed_sourceId_idx" ON "feed"("sourceId");

-- CreateIndex
CREATE INDEX "feed_nextPollAt_idx" ON "feed"("nextPollAt");

-- CreateIndex
CREATE UNIQUE INDEX "feed_teamId_url_key" ON "feed"("teamId", "url");

-- CreateIndex
CREATE INDEX "inbox_item_teamId_state_fetchedAt_idx" ON "inbox_item"("teamId", "state", "fetchedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "inbox_item_teamId_url_key" ON "inbox_item"("teamId", "url");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_item_teamId_contentHash_key" ON "inbox_item"("teamId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_item_feedId_guid_key" ON "inbox_item"("feedId", "guid");

-- AddForeignKey
ALTER TABLE "feed" ADD CONSTRAINT "feed_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feed" ADD CONSTRAINT "feed_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_item" ADD CONSTRAINT "inbox_item_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_item" ADD CONSTRAINT "inbox_item_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "feed"("id") ON DELETE SET NULL ON UPDATE CASCADE;
