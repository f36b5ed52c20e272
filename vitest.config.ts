import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit and database tests. Database tests run on an in-memory PGlite per test file, or on the
// PostgreSQL of DATABASE_URL when it is set (see lib/testing/setup.ts).
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)), "server-only": fileURLToPath(new URL("./lib/testing/server-only.ts", import.meta.url)) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**"],
    environment: "node",
    setupFiles: ["lib/testing/setup.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest runs one file at a time on 2 cores (cores - 1). On PGlite every file has its own in-memory database, so
    // two files at once are independent and keep both cores busy. On PostgreSQL the files share one database and
    // its instance-wide tables (sanctions lists, the job queue): one at a time, as the default on 2 cores was.
    maxWorkers: process.env.DATABASE_URL ? 1 : Math.max(2, availableParallelism() - 1),
    env: { NODE_ENV: "test", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
