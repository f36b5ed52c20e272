-- An owner id that names no user (written before owners were checked) cannot stay behind the new key.
UPDATE "issue" SET "ownerId" = NULL WHERE "ownerId" IS NOT NULL AND "ownerId" NOT IN (SELECT "id" FROM "user");

-- CreateIndex
CREATE INDEX "issue_teamId_ownerId_idx" ON "issue"("teamId", "ownerId");

-- AddForeignKey
ALTER TABLE "issue" ADD CONSTRAINT "issue_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
