import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

// The one place that talks SMTP (nodemailer). Delivery (deliver.ts) takes a Mailer, so tests hand it one for
// the SMTP server they start; the jobs use the configured one.

export type OutgoingEmail = { to: string; subject: string; text: string; html: string; headers: Record<string, string> };
export type Mailer = { send(email: OutgoingEmail): Promise<void> };

const transports = new Map<string, Transporter>();

/** A mailer for an SMTP URL; short timeouts, so a hung server fails the try (retried later) instead of holding the job. */
export function mailerFor(config: { smtpUrl: string; from: string }): Mailer {
  let transport = transports.get(config.smtpUrl);
  if (!transport) {
    const url = new URL(config.smtpUrl);
    transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === "smtps:" ? 465 : 587),
      secure: url.protocol === "smtps:",
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transports.set(config.smtpUrl, transport);
  }
  const sender = transport;
  return {
    async send(email) {
      // Message-ID goes as nodemailer's own option: given as a header it would be replaced by a fresh one.
      const { "Message-ID": messageId, ...headers } = email.headers;
      await sender.sendMail({ from: config.from, to: email.to, subject: email.subject, text: email.text, html: email.html, messageId, headers });
    },
  };
}

/** The server's mailer, or null when SMTP_URL is unset (email off). */
export function configuredMailer(): Mailer | null {
  const mail = env().mail;
  return mail ? mailerFor(mail) : null;
}

export const emailEnabled = () => env().mail !== null;
