-- DropIndex
DROP INDEX "issue_teamId_deletedAt_status_idx";

-- CreateIndex
CREATE INDEX "issue_teamId_deletedAt_status_riskScore_updatedAt_id_idx" ON "issue"("teamId", "deletedAt", "status", "riskScore" DESC, "updatedAt" DESC, "id");
