/**
 * In-app notifications (`notifications/{id}`) and outgoing mail (`mail/{id}`, the Trigger
 * Email extension's format). Ids are chosen by the caller from what caused the notification,
 * so a trigger that runs twice for one change writes one notification and one mail.
 */
export interface CoachNotification {
  id: string;
  uid: string;
  kind: "payout_paid" | "payout_failed" | "payout_approved" | "payout_rejected" | "onboarding_needed" | "voucher_refused" | "dispute_opened" | "dispute_won" | "dispute_lost";
  /** Swedish, the marketplace's language; `en` holds the same text for the web's English mode. */
  title: string;
  body: string;
  en?: { title: string; body: string };
  /** Where in the web app to act on it. */
  link: string;
  createdAt: number;
  read: boolean;
}

export interface MailDoc {
  to: string;
  message: { subject: string; text: string };
}

export interface NotificationStore {
  /** Creates the notification unless one with its id exists; true when this call created it. */
  add(notification: CoachNotification): Promise<boolean>;
  /** `settings/notifications.email`: mail is sent only when an admin turned it on. */
  mailEnabled(): Promise<boolean>;
  emailOf(uid: string): Promise<string | null>;
  /** Queues a mail unless one with this id exists. */
  addMail(id: string, mail: MailDoc): Promise<void>;
  /** Marks the caller's notifications read: the given ids, or all unread. Returns how many. */
  markRead(uid: string, ids: string[] | null, at: number): Promise<number>;
}
