// Lets server-only modules load under vitest (Next.js enforces the real boundary at build time).
export {};
