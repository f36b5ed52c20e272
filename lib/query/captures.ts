import type { Capture } from "@/lib/validation/captures";
import { apiFetch } from "./api";

// Capture by URL from the browser: the server fetches the page (the browser could not, across sites)
// and answers its text and details for the Add evidence form.
export const captureRequests = {
  create: (url: string) => apiFetch<Capture>("/api/captures", { method: "POST", body: { url } }),
};
