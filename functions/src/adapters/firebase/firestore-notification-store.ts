/** NotificationStore over `notifications/{id}`, `mail/{id}`, `settings/notifications`, `users/{uid}`. */
import type { Firestore } from "firebase-admin/firestore";
import type { CoachNotification, MailDoc, NotificationStore } from "../../ports/notification-store";

const ALREADY_EXISTS = 6;
const isAlreadyExists = (e: unknown) => (e as { code?: unknown }).code === ALREADY_EXISTS;

export class FirestoreNotificationStore implements NotificationStore {
  constructor(private readonly db: Firestore) {}

  async add(n: CoachNotification): Promise<boolean> {
    try {
      await this.db.doc(`notifications/${n.id}`).create(n);
      return true;
    } catch (e) {
      if (isAlreadyExists(e)) return false;
      throw e;
    }
  }

  async mailEnabled(): Promise<boolean> {
    return (await this.db.doc("settings/notifications").get()).get("email") === true;
  }

  async emailOf(uid: string): Promise<string | null> {
    const email: unknown = (await this.db.doc(`users/${uid}`).get()).get("email");
    return typeof email === "string" && email.includes("@") ? email : null;
  }

  async addMail(id: string, mail: MailDoc): Promise<void> {
    try {
      await this.db.doc(`mail/${id}`).create(mail);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }

  async markRead(uid: string, ids: string[] | null, at: number): Promise<number> {
    const snap = ids
      ? await this.db.getAll(...ids.map((id) => this.db.doc(`notifications/${id}`)))
      : (await this.db.collection("notifications").where("uid", "==", uid).where("read", "==", false).limit(500).get()).docs;
    const mine = snap.filter((d) => d.exists && d.get("uid") === uid && d.get("read") === false);
    if (mine.length === 0) return 0;
    const batch = this.db.batch();
    for (const d of mine) batch.update(d.ref, { read: true, readAt: at });
    await batch.commit();
    return mine.length;
  }
}
