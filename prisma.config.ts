// Prisma CLI configuration. Only `prisma generate` runs through the CLI here; migrations go
// through scripts/db.ts (the native schema engine cannot be downloaded on our machines).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
