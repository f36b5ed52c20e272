-- AlterTable
ALTER TABLE "inbox_item" ADD COLUMN     "issueIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "relevance" DOUBLE PRECISION;

-- CreateIndex
CREATE INDEX "inbox_item_teamId_state_relevance_idx" ON "inbox_item"("teamId", "state", "relevance" DESC);
