/** alerts/{id}, mail/{id} and the job scan for the alert use cases, on Firestore. */
import type { Firestore } from "firebase-admin/firestore";
import type { Alert, AlertMail, AlertStore, StuckJob } from "../../ports/alert-store";

const ALREADY_EXISTS = 6;
const exists = (e: unknown) => (e as { code?: number }).code === ALREADY_EXISTS;

export class FirestoreAlertStore implements AlertStore {
  constructor(private readonly db: Firestore) {}

  async create(alert: Alert): Promise<boolean> {
    try {
      await this.db.doc(`alerts/${alert.id}`).create(alert);
      return true;
    } catch (e) {
      if (exists(e)) return false;
      throw e;
    }
  }

  async acknowledge(id: string, by: string, at: number): Promise<Alert | null> {
    const ref = this.db.doc(`alerts/${id}`);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists) return null;
      const alert = snap.data() as Alert;
      if (alert.status === "acknowledged") return alert;
      const next: Alert = { ...alert, status: "acknowledged", acknowledgedAt: at, acknowledgedBy: by };
      tx.set(ref, next);
      return next;
    });
  }

  async mailRecipients(): Promise<string[]> {
    const settings = (await this.db.doc("settings/notifications").get()).data() ?? {};
    const email: unknown = settings["email"];
    const on = email === true || (typeof email === "object" && email !== null && (email as { enabled?: unknown }).enabled === true);
    if (!on) return [];
    const listed: unknown = settings["alertEmails"];
    if (Array.isArray(listed) && listed.every((x) => typeof x === "string") && listed.length > 0) return listed as string[];
    const admins = await this.db.collection("users").where("role", "==", "admin").limit(20).get();
    return admins.docs.map((d) => d.get("email")).filter((x): x is string => typeof x === "string" && x.includes("@"));
  }

  async addMail(id: string, mail: AlertMail): Promise<void> {
    try {
      await this.db.doc(`mail/${id}`).create(mail);
    } catch (e) {
      if (!exists(e)) throw e;
    }
  }

  async runningJobs(startedBefore: number): Promise<StuckJob[]> {
    const [runs, syncs] = await Promise.all([
      this.db.collection("jobs").where("type", "==", "payout_run").where("status", "in", ["planning", "paying"]).get(),
      this.db.collection("jobs").where("type", "==", "accounting_sync").where("state", "==", "running").get(),
    ]);
    return [...runs.docs, ...syncs.docs]
      .map((d) => ({ id: d.id, type: d.get("type") as StuckJob["type"], startedAt: Number(d.get("startedAt")) }))
      .filter((j) => Number.isFinite(j.startedAt) && j.startedAt < startedBefore);
  }
}
