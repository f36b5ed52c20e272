"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/lib/query/api";
import type { NotificationPage } from "@/lib/validation/notifications";

export const unreadQueryKey = ["notifications", "unread"] as const;

/** The bell in the header: the unread count from the server, kept fresh while the page stays open. */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const { data: unread } = useQuery({
    queryKey: unreadQueryKey,
    queryFn: async () => (await apiFetch<NotificationPage>("/api/notifications?pageSize=1")).unread,
    initialData: initialUnread,
    refetchInterval: 60_000,
  });
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <Link href="/notifications" className="bell" aria-label={label}>
      <span aria-hidden="true">🔔</span>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
