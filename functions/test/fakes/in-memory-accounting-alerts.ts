import type { Alert, AlertMail, AlertStore, StuckJob } from "../../src/ports/alert-store";
import type { CoachNotification, MailDoc, NotificationStore } from "../../src/ports/notification-store";

/** The alert and notification stores the accounting sync raises into, in memory. */
export class InMemoryAccountingAlerts implements AlertStore {
  alerts = new Map<string, Alert>();
  async create(alert: Alert) {
    if (this.alerts.has(alert.id)) return false;
    this.alerts.set(alert.id, structuredClone(alert));
    return true;
  }
  async acknowledge(id: string, by: string, at: number) {
    const a = this.alerts.get(id);
    if (!a) return null;
    if (a.status === "open") Object.assign(a, { status: "acknowledged", acknowledgedAt: at, acknowledgedBy: by });
    return structuredClone(a);
  }
  async mailRecipients() {
    return [];
  }
  async addMail(_id: string, _mail: AlertMail) {}
  async runningJobs(_before: number): Promise<StuckJob[]> {
    return [];
  }
  ofKind(kind: Alert["kind"]): Alert[] {
    return [...this.alerts.values()].filter((a) => a.kind === kind);
  }
}

export class InMemoryAccountingNotifications implements NotificationStore {
  items = new Map<string, CoachNotification>();
  async add(n: CoachNotification) {
    if (this.items.has(n.id)) return false;
    this.items.set(n.id, structuredClone(n));
    return true;
  }
  async mailEnabled() {
    return false;
  }
  async emailOf() {
    return null;
  }
  async addMail(_id: string, _mail: MailDoc) {}
  async markRead() {
    return 0;
  }
}
