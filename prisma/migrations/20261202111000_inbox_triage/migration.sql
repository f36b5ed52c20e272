-- Triage of the inbox (issue 14): why an item was dismissed, until when it is snoozed, the document it was
-- accepted into, and who decided and when.
ALTER TABLE "inbox_item" ADD COLUMN "snoozedUntil" TIMESTAMP(3),
ADD COLUMN "dismissReason" TEXT,
ADD COLUMN "documentId" TEXT,
ADD COLUMN "decidedBy" TEXT,
ADD COLUMN "decidedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "inbox_item_documentId_idx" ON "inbox_item"("documentId");

-- The inbox newest first: "new" spans two states (snoozes that ran out), so the (teamId, state, fetchedAt) index
-- cannot give the order; this one walks the team's items newest first and stops after a page (164 ms → see bench).
CREATE INDEX "inbox_item_teamId_fetchedAt_id_idx" ON "inbox_item"("teamId", "fetchedAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "inbox_item" ADD CONSTRAINT "inbox_item_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "document"("id") ON DELETE SET NULL ON UPDATE CASCADE;
