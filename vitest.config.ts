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
    env: { NODE_ENV: "test", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
