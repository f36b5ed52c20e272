-- CreateTable
CREATE TABLE "sanctions_list_download" (
    "url" TEXT NOT NULL,
    "etag" TEXT,
    "lastModified" TEXT,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sanctions_list_download_pkey" PRIMARY KEY ("url")
);
