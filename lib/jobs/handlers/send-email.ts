import { sendDigests, sendImmediateEmails } from "@/lib/services/email/deliver";
import { configuredMailer, emailEnabled } from "@/lib/services/email/mailer";
import { defineJob } from "../job";

// Email of notifications (issue 15; lib/services/email/README.md). Both run only when SMTP_URL is set. An SMTP
// failure is the notification's (retried with backoff by the next runs), not the job's: the job fails only when
// the database does.

/** Every minute: the notifications people take at once. */
export const sendImmediateEmailsJob = defineJob<Record<string, never>>({
  name: "email.send-immediate",
  handle: async () => {
    const mailer = configuredMailer();
    return mailer ? sendImmediateEmails(mailer) : { off: true };
  },
  queue: { policy: "singleton" },
  schedule: () => (emailEnabled() ? { cron: "* * * * *", data: {} } : undefined),
});

/** Every 15 minutes: the digests of days and weeks that have ended in their team's time zone (zones differ by quarter hours). */
export const sendDigestsJob = defineJob<Record<string, never>>({
  name: "email.send-digests",
  handle: async () => {
    const mailer = configuredMailer();
    return mailer ? sendDigests(mailer) : { off: true };
  },
  queue: { policy: "singleton" },
  schedule: () => (emailEnabled() ? { cron: "*/15 * * * *", data: {} } : undefined),
});
