import assert from "node:assert/strict";
import { acknowledgeAlert, deadEventAlert, disputeAlert, payoutFailedAlert, raiseAlert, raiseStuckJobAlerts, STUCK_AFTER_MS, syncFailedAlert } from "../../../src/app/alerts/alerts";
import { DomainError } from "../../../src/domain/errors";
import type { Alert, AlertMail, AlertStore, StuckJob } from "../../../src/ports/alert-store";

class InMemoryAlerts implements AlertStore {
  readonly alerts = new Map<string, Alert>();
  readonly mail = new Map<string, AlertMail>();
  recipients: string[] = [];
  jobs: StuckJob[] = [];
  async create(a: Alert) {
    if (this.alerts.has(a.id)) return false;
    this.alerts.set(a.id, structuredClone(a));
    return true;
  }
  async acknowledge(id: string, by: string, at: number) {
    const a = this.alerts.get(id);
    if (!a) return null;
    if (a.status === "open") this.alerts.set(id, { ...a, status: "acknowledged", acknowledgedBy: by, acknowledgedAt: at });
    return structuredClone(this.alerts.get(id)!);
  }
  async mailRecipients() {
    return this.recipients;
  }
  async addMail(id: string, m: AlertMail) {
    if (!this.mail.has(id)) this.mail.set(id, m);
  }
  async runningJobs(before: number) {
    return this.jobs.filter((j) => j.startedAt < before);
  }
}

const NOW = Date.UTC(2026, 0, 12, 9, 0, 0);
const setup = () => {
  const alerts = new InMemoryAlerts();
  return { alerts, deps: { alerts, clock: { now: () => new Date(NOW) } } };
};
const admin = { uid: "ada", role: "admin" as const, email: null };

describe("alerts", () => {
  it("raises an alert once per cause, however often the trigger fires", async () => {
    const s = setup();
    const draft = deadEventAlert({ id: "evt_1", type: "charge.refunded", error: "boom" });
    assert.deepEqual(await raiseAlert(s.deps, draft), { raised: true, mailed: false });
    assert.deepEqual(await raiseAlert(s.deps, draft), { raised: false, mailed: false });
    assert.equal(s.alerts.alerts.size, 1);
    const a = s.alerts.alerts.get("event_dead-evt_1")!;
    assert.equal(a.status, "open");
    assert.equal(a.objectPath, "stripeEvents/evt_1");
    assert.match(a.message, /boom/);
  });

  it("mails each alert once in the Trigger Email format when mail is on", async () => {
    const s = setup();
    s.alerts.recipients = ["ops@kassa.test"];
    const draft = payoutFailedAlert({ id: "rq-c1-1", coachId: "c1", amount: 39920, currency: "sek", attempt: 1, failureReason: "account_closed <x>" });
    await raiseAlert(s.deps, draft);
    await raiseAlert(s.deps, draft);
    assert.equal(s.alerts.mail.size, 1);
    const m = s.alerts.mail.get("alert-payout_failed-rq-c1-1-1")!;
    assert.deepEqual(m.to, ["ops@kassa.test"]);
    // Swedish first (the admins are Swedish), the English text below it.
    assert.equal(m.message.subject, "[Kassa] Utbetalningen rq-c1-1 till c1 misslyckades");
    assert.match(m.message.text, /^399,20\u00a0kr betalades inte ut: account_closed <x>\./);
    assert.match(m.message.text, /In English: Payout rq-c1-1 to c1 failed\. 399\.20 SEK was not paid/);
    assert.match(m.message.html, /account_closed &lt;x&gt;/);
    assert.doesNotMatch(m.message.html, /<x>/, "Stripe's text is escaped in both languages");
    // A retried payout that fails again is a new alert.
    await raiseAlert(s.deps, payoutFailedAlert({ id: "rq-c1-1", attempt: 2 }));
    assert.equal(s.alerts.alerts.size, 2);
  });

  it("flags runs and syncs still running after the limit, once", async () => {
    const s = setup();
    s.alerts.jobs = [
      { id: "payout-run-2026-W03", type: "payout_run", startedAt: NOW - STUCK_AFTER_MS - 60000 },
      { id: "sync-today", type: "accounting_sync", startedAt: NOW - 60000 },
    ];
    assert.equal(await raiseStuckJobAlerts(s.deps), 1);
    assert.equal(await raiseStuckJobAlerts(s.deps), 0);
    assert.ok(s.alerts.alerts.has("job_stuck-payout-run-2026-W03"));
  });

  it("admins acknowledge; others are refused; unknown ids are not found", async () => {
    const s = setup();
    await raiseAlert(s.deps, syncFailedAlert({ id: "sync-1", stoppedReason: "Fortnox unavailable" }));
    await assert.rejects(acknowledgeAlert(s.deps, { uid: "c1", role: "coach", email: null }, { alertId: "sync_failed-sync-1" }), (e: unknown) => e instanceof DomainError && e.kind === "permission");
    assert.equal(s.alerts.alerts.get("sync_failed-sync-1")!.status, "open");
    assert.deepEqual(await acknowledgeAlert(s.deps, admin, { alertId: "sync_failed-sync-1" }), { alertId: "sync_failed-sync-1", status: "acknowledged" });
    assert.equal(s.alerts.alerts.get("sync_failed-sync-1")!.acknowledgedBy, "ada");
    await assert.rejects(acknowledgeAlert(s.deps, admin, { alertId: "nope" }), (e: unknown) => e instanceof DomainError && e.kind === "not_found" && e.field === "alertId");
  });

  it("a disputed sale tells the admins Stripe's deadline, in Stockholm time, in both languages; once per payment", () => {
    const dueBy = Date.parse("2026-12-11T22:59:00Z"); // 23:59 in Stockholm
    const a = disputeAlert({ id: "pi_1", amount: 49900, currency: "sek", coachId: "c1", description: "Andas lugnt", disputeDueBy: dueBy });
    const flat = (t: string) => t.replace(/\u00a0/g, " ");
    assert.equal(a.id, "dispute_opened-pi_1");
    assert.equal(a.kind, "dispute_opened");
    assert.equal(a.objectPath, "payments/pi_1");
    assert.equal(a.link, "/admin/payments?status=disputed");
    assert.equal(flat(a.title), "En kund bestrider ett köp på 499,00 kr");
    assert.match(flat(a.message), /^Betalningen pi_1 \(Andas lugnt\) är bestriden hos kortutgivaren\. Skicka underlag till Stripe senast .*11 dec.* 23:59 \(svensk tid\), annars avgörs tvisten till kundens fördel\./);
    assert.equal(flat(a.en!.title), "A customer disputes a 499.00 SEK sale");
    assert.match(flat(a.en!.message), /Send evidence to Stripe by .*11 Dec.* 23:59 \(Stockholm time\), or the dispute is decided for the customer\./);
    assert.match(flat(a.message), /avgörs tvisten till kundens fördel\. Coachens del tas tillbaka från coachens Stripe-konto, och coachen får besked\.$/);
    assert.match(flat(a.en!.message), /The coach's share is taken back from their Stripe account, and the coach is told\.$/);
    // A subscription (the platform's own sale, in SEK or EUR): no deadline given, and no coach.
    const noDate = disputeAlert({ id: "in_1", amount: 990, currency: "eur", coachId: null });
    assert.equal(flat(noDate.message), "Betalningen in_1 är bestriden hos kortutgivaren. Skicka underlag till Stripe så snart som möjligt, annars avgörs tvisten till kundens fördel.");
    assert.equal(noDate.en!.message, "Payment in_1 is disputed with the card issuer. Send evidence to Stripe as soon as possible, or the dispute is decided for the customer.");
    assert.match(flat(noDate.title), /9,90 €$/);
    assert.equal(disputeAlert({ id: "pi_1", amount: 1, currency: "sek" }).id, a.id, "one alert per payment, whatever the figures");
  });
});
