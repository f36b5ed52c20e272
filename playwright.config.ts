import { defineConfig, devices } from "@playwright/test";

// Browser tests against the production build (`next build` runs first, in `npm run test:e2e`),
// on Debian's Chromium. The server gets its own database: a fresh PGlite directory, or the
// PostgreSQL of DATABASE_URL.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const dataDir = `data/e2e-${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"], storageState: "e2e/.auth/admin.json" }, dependencies: ["setup"] },
  ],
  webServer: {
    command: `rm -rf ${dataDir} && npm start`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      APP_URL: baseURL,
      PGLITE_DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      // e2e/capture.spec.ts serves pages from 127.0.0.1: only that host may be fetched beyond public addresses.
      FETCH_ALLOW_HOSTS: "127.0.0.1",
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});
