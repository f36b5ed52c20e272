-- AlterTable
ALTER TABLE "document" ADD COLUMN     "captureId" TEXT;

-- CreateTable
CREATE TABLE "capture" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "finalUrl" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "contentType" TEXT,
    "sha256" TEXT NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "body" BYTEA NOT NULL,

    CONSTRAINT "capture_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "capture_teamId_fetchedAt_idx" ON "capture"("teamId", "fetchedAt" DESC);

-- AddForeignKey
ALTER TABLE "document" ADD CONSTRAINT "document_captureId_fkey" FOREIGN KEY ("captureId") REFERENCES "capture"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "capture" ADD CONSTRAINT "capture_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
