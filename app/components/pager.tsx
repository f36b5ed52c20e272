import Link from "next/link";

/** Previous / next links for a paged list; nothing when it fits on one page. */
export function Pager({ page, pageSize, total, href, previous = "← Previous", next = "Next →" }: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
  previous?: string;
  next?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="pager">
      {page > 1 ? <Link href={href(page - 1)}>{previous}</Link> : <span />}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link href={href(page + 1)}>{next}</Link> : <span />}
    </nav>
  );
}
