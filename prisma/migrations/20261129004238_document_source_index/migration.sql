-- CreateIndex
CREATE INDEX "document_sourceId_idx" ON "document"("sourceId");
