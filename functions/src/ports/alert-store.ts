/**
 * Operations alerts (`alerts/{id}`) and their mail (`mail/{id}`, the Trigger Email extension's
 * format). Alert ids are derived from what went wrong, so a trigger that fires twice (or a
 * sweep that sees the same stuck job again) raises one alert and sends one mail.
 */
export type AlertKind = "event_dead" | "payout_failed" | "payout_run_failures" | "sync_failed" | "sync_partial" | "voucher_refused" | "job_stuck" | "books_difference" | "fortnox_company" | "dispute_opened";

export interface Alert {
  id: string;
  kind: AlertKind;
  /** Swedish, the marketplace's language; `en` holds the same text for the web's English mode. */
  title: string;
  message: string;
  en?: { title: string; message: string };
  /** Where in the web app to look at the object. */
  link: string;
  /** The Firestore document that caused it, e.g. `payouts/rq-c1-1`. */
  objectPath: string;
  status: "open" | "acknowledged";
  createdAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

export interface AlertMail {
  to: string[];
  message: { subject: string; text: string; html: string };
}

export interface StuckJob {
  id: string;
  type: "payout_run" | "accounting_sync";
  startedAt: number;
}

export interface AlertStore {
  /** Creates the alert unless one with its id exists; true when this call created it. */
  create(alert: Alert): Promise<boolean>;
  /** Marks it acknowledged (once; later calls keep the first); null when there is no such alert. */
  acknowledge(id: string, by: string, at: number): Promise<Alert | null>;
  /** Who gets alert mail: empty unless `settings/notifications.email` is on. */
  mailRecipients(): Promise<string[]>;
  /** Queues a mail unless one with this id exists. */
  addMail(id: string, mail: AlertMail): Promise<void>;
  /** Payout runs and accounting syncs still running that started before `startedBefore`. */
  runningJobs(startedBefore: number): Promise<StuckJob[]>;
}
