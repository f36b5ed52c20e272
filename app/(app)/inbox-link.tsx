"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { inboxKeys, inboxRequests } from "@/lib/query/inbox";

/** "Inbox" in the navigation with the count of new items, kept fresh while the page stays open (as the bell). */
export function InboxLink({ initialUnread }: { initialUnread: number }) {
  const { data: unread } = useQuery({
    queryKey: inboxKeys.unread(),
    queryFn: ({ signal }) => inboxRequests.unread(signal),
    initialData: initialUnread,
    refetchInterval: 60_000,
  });
  return (
    <Link href="/inbox">
      Inbox
      {unread > 0 && (
        <>
          {" "}
          <span className="nav-count">{unread >= 1000 ? "999+" : unread}</span>
          <span className="visually-hidden"> new</span>
        </>
      )}
    </Link>
  );
}
