-- DropIndex
DROP INDEX "document_teamId_publishedAt_idx";

-- CreateIndex
CREATE INDEX "document_teamId_publishedAt_createdAt_id_idx" ON "document"("teamId", "publishedAt" DESC, "createdAt" DESC, "id");
