-- CreateEnum
CREATE TYPE "HitLevel" AS ENUM ('match', 'review');

-- CreateEnum
CREATE TYPE "HitDecision" AS ENUM ('confirmed', 'false_positive');

-- CreateTable
CREATE TABLE "entity" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "type" "SanctionsEntryType" NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[],
    "country" TEXT,
    "identifiers" JSONB NOT NULL DEFAULT '[]',
    "notes" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "entity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entity_issue" (
    "entityId" TEXT NOT NULL,
    "issueId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "entity_issue_pkey" PRIMARY KEY ("entityId","issueId")
);

-- CreateTable
CREATE TABLE "entity_document" (
    "entityId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "entity_document_pkey" PRIMARY KEY ("entityId","documentId")
);

-- CreateTable
CREATE TABLE "hit" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "listId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "level" "HitLevel" NOT NULL,
    "matchedName" TEXT NOT NULL,
    "explanation" JSONB NOT NULL,
    "firstReleaseId" TEXT NOT NULL,
    "decision" "HitDecision",
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedContentHash" TEXT,
    "goneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "entity_teamId_name_idx" ON "entity"("teamId", "name");

-- CreateIndex
CREATE INDEX "entity_issue_issueId_idx" ON "entity_issue"("issueId");

-- CreateIndex
CREATE INDEX "entity_document_documentId_idx" ON "entity_document"("documentId");

-- CreateIndex
CREATE INDEX "hit_teamId_decision_goneAt_idx" ON "hit"("teamId", "decision", "goneAt");

-- CreateIndex
CREATE INDEX "hit_entryId_idx" ON "hit"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "hit_entityId_listId_sourceId_key" ON "hit"("entityId", "listId", "sourceId");

-- AddForeignKey
ALTER TABLE "entity" ADD CONSTRAINT "entity_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entity_issue" ADD CONSTRAINT "entity_issue_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entity_issue" ADD CONSTRAINT "entity_issue_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entity_document" ADD CONSTRAINT "entity_document_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entity_document" ADD CONSTRAINT "entity_document_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hit" ADD CONSTRAINT "hit_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hit" ADD CONSTRAINT "hit_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hit" ADD CONSTRAINT "hit_listId_fkey" FOREIGN KEY ("listId") REFERENCES "sanctions_list"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hit" ADD CONSTRAINT "hit_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "sanctions_entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hit" ADD CONSTRAINT "hit_firstReleaseId_fkey" FOREIGN KEY ("firstReleaseId") REFERENCES "sanctions_release"("id") ON DELETE CASCADE ON UPDATE CASCADE;
