"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError } from "@/lib/query/api";

/** Runs one API call for a settings form: pending state, the error's message, and a refresh of the server page on success. */
export function useAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setPending(true);
    setError(null);
    try {
      const result = await action();
      router.refresh();
      return result;
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Something went wrong. Try again.");
      return undefined;
    } finally {
      setPending(false);
    }
  }
  return { run, pending, error };
}
