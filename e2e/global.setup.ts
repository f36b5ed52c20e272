import { test as setup, expect } from "@playwright/test";
import { admin } from "./fixtures";

// Signs in once through the real form and keeps the session for the other specs.
setup("sign in as the demo admin", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in lands on the home page, the dashboard (issue 6).
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.context().storageState({ path: "e2e/.auth/admin.json" });
});
