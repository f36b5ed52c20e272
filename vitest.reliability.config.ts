import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The reliability suite (issue 8): crash durability, concurrency, several instances, bad input, each
// against the production build started with `npm start` (build first: `npm run build`; `npm test`
// builds in test:e2e). On PGlite by default; on fresh PostgreSQL databases next to DATABASE_URL when
// it is set. Files run one after another: each starts its own servers, and the machine has 2 cores.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["reliability/**/*.spec.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    env: { NEXT_TELEMETRY_DISABLED: "1" },
    // Every test by name, skipped ones too (the several-instances test says why it is skipped on PGlite).
    reporters: ["verbose"],
  },
});
