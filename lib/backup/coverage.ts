// Where each table of the database goes in a backup, or why no backup holds it. A new table must be
// added here (coverage.test.ts fails otherwise), so that no feature's data is silently left out of
// backups again; a new column must reach the file too (the round trip in lib/services/backup.test.ts
// compares each table's columns with its section). pg-boss keeps its jobs in a schema of its own, not
// listed here: jobs are transient, and the queue makes its schedules again when it starts.

/**
 * A table a backup holds: its section in the team backup (a team's rows, teamId implied), in the
 * whole-database backup (the instance's rows), or both (events: a team's history, and the history outside
 * any team). `omitted`: columns left out on purpose, with the reason.
 */
export type Kept = { team?: string; database?: string; omitted?: Record<string, string> };
/** A table no backup holds, and why. */
export type LeftOut = { leftOut: string };

const searchVector = { search: "The full-text search vector: made again by the database (a trigger or a generated column) as rows are restored." };

export const BACKUP_COVERAGE: Record<string, Kept | LeftOut> = {
  user: { database: "users" },
  account: { database: "accounts" },
  membership: { database: "memberships" },
  api_token: { database: "apiTokens" },
  invitation: { database: "invitations" },
  app_secret: { database: "appSecrets" },
  team: { team: "team" },
  category: { team: "categories" },
  source: { team: "sources" },
  capture: { team: "captures" },
  document: { team: "documents", omitted: searchVector },
  issue: { team: "issues", omitted: searchVector },
  evidence: { team: "evidence", omitted: { sourceId: "The document's source: the database's triggers set it as rows are restored." } },
  event: { team: "events", database: "instanceEvents", omitted: { issueId: "The issue an event is about: a column the database generates from the event as rows are restored." } },
  security_event_repeat: { team: "eventRepeats", database: "instanceEventRepeats" },
  briefing: { team: "briefings" },
  entity: { team: "entities" },
  entity_issue: { team: "entityIssues" },
  entity_document: { team: "entityDocuments" },
  hit: { team: "hits" },
  comment: { team: "comments" },
  sanctions_list: { database: "sanctionsLists" },
  sanctions_release: { database: "sanctionsReleases" },
  sanctions_entry: { database: "sanctionsEntries" },
  sanctions_change: { database: "sanctionsChanges" },
  sanctions_list_download: { database: "sanctionsListDownloads" },
  feed: { team: "feeds" },
  inbox_item: { team: "inboxItems" },
  follow: { database: "follows" },
  notification: { database: "notifications" },
  email_preference: { database: "emailPreferences" },
  notification_feed_token: { leftOut: "Secrets (hashes of personal feed tokens): a restored instance asks people to make a new feed link." },
  webhook: { leftOut: "Not backed up yet (issue 15, new this session; to do): a restore loses the team's webhooks, which admins add again (new secrets for the receivers)." },
  webhook_delivery: { leftOut: "A delivery log and outbox of webhook calls: transient (retried for 24 h), of no use on a restored instance whose webhooks are new." },
  webhook_attempt: { leftOut: "Each attempt of a webhook delivery, the delivery log's detail: transient like the deliveries, of no use on a restored instance whose webhooks are new." },
  briefing_schedule: { team: "briefingSchedules" },
  briefing_schedule_run: { leftOut: "Which due times of a schedule made which briefing: bookkeeping. A restored schedule's dueAfter already says which due times were made, so none is made again." },
  relevance_model: { leftOut: "Derived: each team's model of its triage, retrained from its inbox decisions and evidence (the job relevance.train, daily and after decisions)." },
  review_reminder: { leftOut: "Which review dates were told to followers: a restored instance may tell of an overdue review once more." },
  session: { leftOut: "Sign-ins, short-lived (12 hours idle, 7 days at most): people sign in again on the restored instance." },
  verification: { leftOut: "better-auth's one-time tokens (e-mail checks, password resets), short-lived: asked for again." },
  rate_limit: { leftOut: "Counters of the current rate-limit windows (minutes): they start again from zero." },
  evidence_tally: { leftOut: "An issue's evidence counted by stance and grade that the database keeps itself: its triggers rebuild it as evidence is restored." },
  evidence_week: { leftOut: "A tally of evidence per team and week that the database keeps itself: its triggers rebuild it as evidence is restored." },
  _prisma_migrations: { leftOut: "The record of applied migrations: a restore goes into a database migrated by `db:deploy`." },
};
