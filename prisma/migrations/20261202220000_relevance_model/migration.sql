-- CreateTable
CREATE TABLE "relevance_model" (
    "teamId" TEXT NOT NULL,
    "model" JSONB NOT NULL,
    "positives" INTEGER NOT NULL,
    "negatives" INTEGER NOT NULL,
    "trainedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "relevance_model_pkey" PRIMARY KEY ("teamId")
);

-- AddForeignKey
ALTER TABLE "relevance_model" ADD CONSTRAINT "relevance_model_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
