-- CreateEnum
CREATE TYPE "SanctionsEntryType" AS ENUM ('person', 'organization', 'vessel', 'aircraft');

-- CreateEnum
CREATE TYPE "SanctionsChangeKind" AS ENUM ('added', 'removed', 'changed');

-- CreateTable
CREATE TABLE "sanctions_list" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sanctions_list_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sanctions_release" (
    "id" TEXT NOT NULL,
    "listId" TEXT NOT NULL,
    "previousId" TEXT,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "sha256" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "entries" INTEGER NOT NULL,
    "added" INTEGER NOT NULL,
    "removed" INTEGER NOT NULL,
    "changed" INTEGER NOT NULL,
    "importedBy" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sanctions_release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sanctions_entry" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "type" "SanctionsEntryType" NOT NULL,
    "name" TEXT NOT NULL,
    "programs" TEXT[],
    "countries" TEXT[],
    "data" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,

    CONSTRAINT "sanctions_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sanctions_change" (
    "releaseId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "kind" "SanctionsChangeKind" NOT NULL,
    "entryId" TEXT NOT NULL,
    "fields" TEXT[],

    CONSTRAINT "sanctions_change_pkey" PRIMARY KEY ("releaseId","sourceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "sanctions_list_slug_key" ON "sanctions_list"("slug");

-- CreateIndex
CREATE INDEX "sanctions_release_listId_publishedAt_importedAt_idx" ON "sanctions_release"("listId", "publishedAt" DESC, "importedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "sanctions_release_listId_sha256_key" ON "sanctions_release"("listId", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "sanctions_entry_releaseId_sourceId_key" ON "sanctions_entry"("releaseId", "sourceId");

-- CreateIndex
CREATE INDEX "sanctions_change_releaseId_kind_sourceId_idx" ON "sanctions_change"("releaseId", "kind", "sourceId");

-- CreateIndex
CREATE INDEX "sanctions_change_entryId_idx" ON "sanctions_change"("entryId");

-- AddForeignKey
ALTER TABLE "sanctions_release" ADD CONSTRAINT "sanctions_release_listId_fkey" FOREIGN KEY ("listId") REFERENCES "sanctions_list"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sanctions_release" ADD CONSTRAINT "sanctions_release_previousId_fkey" FOREIGN KEY ("previousId") REFERENCES "sanctions_release"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sanctions_entry" ADD CONSTRAINT "sanctions_entry_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "sanctions_release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sanctions_change" ADD CONSTRAINT "sanctions_change_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "sanctions_release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sanctions_change" ADD CONSTRAINT "sanctions_change_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "sanctions_entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;
