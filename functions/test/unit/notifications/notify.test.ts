import assert from "node:assert/strict";
import { markNotificationsRead, notify, onboardingNotification, payoutNotification } from "../../../src/app/notifications/notify";
import type { CoachNotification, MailDoc, NotificationStore } from "../../../src/ports/notification-store";

class FakeNotifications implements NotificationStore {
  docs = new Map<string, CoachNotification>();
  mail = new Map<string, MailDoc>();
  email = false;
  async add(n: CoachNotification) {
    if (this.docs.has(n.id)) return false;
    this.docs.set(n.id, n);
    return true;
  }
  async mailEnabled() {
    return this.email;
  }
  async emailOf(uid: string) {
    return uid === "nomail" ? null : `${uid}@kassa.test`;
  }
  async addMail(id: string, m: MailDoc) {
    if (!this.mail.has(id)) this.mail.set(id, m);
  }
  async markRead(uid: string, ids: string[] | null) {
    let n = 0;
    for (const d of this.docs.values())
      if (d.uid === uid && !d.read && (!ids || ids.includes(d.id))) {
        d.read = true;
        n++;
      }
    return n;
  }
}

const payout = (status: string, extra: object = {}) => ({ id: "po_k1", coachId: "c1", status, amount: 39920, currency: "sek", attempt: 1, ...extra });

describe("notifications: payouts and onboarding", () => {
  it("a payout becoming paid or failed makes one notification; other changes none", () => {
    const paid = payoutNotification(payout("processing"), payout("paid"), 1);
    assert.equal(paid?.kind, "payout_paid");
    assert.equal(paid?.id, "po_k1:paid:1");
    assert.equal(paid?.uid, "c1");
    // Swedish first (the marketplace's language), English beside it for the web's English mode.
    assert.equal(paid!.title, "Utbetalning på 399,20\u00a0kr skickad");
    assert.equal(paid!.en?.title, "Payout of 399.20 SEK paid");
    assert.match(paid!.body, /är på väg till ditt bankkonto \(utbetalning po_k1\)/);
    const failed = payoutNotification(payout("processing"), payout("failed", { failureReason: "The bank account was closed." }), 1);
    assert.equal(failed?.kind, "payout_failed");
    assert.match(failed!.body, /^Stripe: The bank account was closed\. Pengarna finns i ditt tillgängliga saldo igen/);
    assert.match(failed!.en!.body, /^The bank account was closed\. The money is back/);
    assert.equal(payoutNotification(payout("paid"), payout("paid", { amount: 1 }), 1), null);
    assert.equal(payoutNotification(payout("requested"), payout("processing"), 1), null);
    // A retried attempt that fails again is news again.
    assert.equal(payoutNotification(payout("processing", { attempt: 2 }), payout("failed", { attempt: 2 }), 1)?.id, "po_k1:failed:2");
    // A payout the bank sent back after it was paid ends as "returned": the coach hears of it.
    const returned = payoutNotification(payout("paid"), payout("returned", { failureReason: "Returned by the bank." }), 1);
    assert.equal(returned?.kind, "payout_failed");
    assert.equal(returned?.id, "po_k1:returned:1");
  });

  it("new Stripe requirements notify in words; cleared or unchanged ones do not", () => {
    const n = onboardingNotification("c1", { requirementsDue: [] }, { requirementsDue: ["external_account", "individual.verification.document"] }, 1);
    assert.equal(n?.kind, "onboarding_needed");
    assert.match(n!.body, /behöver Stripe ett bankkonto för utbetalningar, en id-handling\./);
    assert.match(n!.en!.body, /a bank account for payouts, an identity document/);
    assert.equal(onboardingNotification("c1", { requirementsDue: ["external_account"] }, { requirementsDue: ["external_account"] }, 1), null);
    assert.equal(onboardingNotification("c1", { requirementsDue: ["external_account"] }, { requirementsDue: [] }, 1), null);
    const again = onboardingNotification("c1", null, { requirementsDue: ["individual.verification.document", "external_account"] }, 2);
    assert.equal(again?.id, n?.id, "same needs, same id, whatever the order");
    const paused = onboardingNotification("c1", { disabledReason: null }, { disabledReason: "requirements.past_due" }, 1);
    assert.match(paused!.body, /Stripe har pausat kontot/);
    assert.doesNotMatch(paused!.body, /past_due|requirements/, "no Stripe codes in the Swedish text");
    assert.match(paused!.en!.body, /Stripe says: requirements past due/);
  });

  it("stores once per id and mails only when mail is on", async () => {
    const notifications = new FakeNotifications();
    const n = payoutNotification(payout("processing"), payout("paid"), 1);
    assert.deepEqual(await notify({ notifications }, n), { notified: true, mailed: false });
    assert.deepEqual(await notify({ notifications }, n), { notified: false, mailed: false });
    assert.equal(notifications.mail.size, 0);
    notifications.email = true;
    const f = payoutNotification(payout("processing"), payout("failed"), 1);
    assert.deepEqual(await notify({ notifications }, f), { notified: true, mailed: true });
    assert.deepEqual(notifications.mail.get("po_k1:failed:1"), { to: "c1@kassa.test", message: { subject: `Kassa: ${f!.title}`, text: `${f!.body}\n\nIn English: ${f!.en!.title}. ${f!.en!.body}\n\nKassa · Inner Journey` } });
    assert.deepEqual(await notify({ notifications }, null), { notified: false, mailed: false });
  });

  it("marks only the caller's own notifications read", async () => {
    const notifications = new FakeNotifications();
    await notify({ notifications }, payoutNotification(payout("processing"), payout("paid"), 1));
    await notify({ notifications }, payoutNotification(payout("processing", { coachId: "c2" }), payout("failed", { coachId: "c2" }), 1));
    const clock = { now: () => new Date(5) };
    assert.deepEqual(await markNotificationsRead({ notifications, clock }, { uid: "c1", role: "coach", email: null }, {}), { marked: 1 });
    assert.equal(notifications.docs.get("po_k1:failed:1")?.read, false);
  });
});
