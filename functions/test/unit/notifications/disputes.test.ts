import assert from "node:assert/strict";
import { disputeNotification, type DisputedPaymentView } from "../../../src/app/notifications/disputes";

const sale: DisputedPaymentView = { id: "pi_1", coachId: "coach-1", status: "succeeded", amount: 49900, currency: "sek", description: "Andas lugnt" };
const NOW = 1_765_000_000_000;
/** The texts with Intl's no-break spaces as plain ones, to compare against written words. */
const plain = <T extends { title: string; body: string; en?: { title: string; body: string } } | null>(n: T): T =>
  n && ({ ...n, title: n.title.replace(/\u00a0/g, " "), body: n.body.replace(/\u00a0/g, " "), ...(n.en ? { en: { title: n.en.title.replace(/\u00a0/g, " "), body: n.en.body.replace(/\u00a0/g, " ") } } : {}) } as T);

describe("dispute notifications", () => {
  it("a sale that became disputed tells its coach, in Swedish and English, with the share Stripe took back", () => {
    const opened = { ...sale, status: "disputed", disputeTransfers: [{ coachAmount: 39920 }] };
    const n = plain(disputeNotification(sale, opened, NOW))!;
    assert.equal(n.uid, "coach-1");
    assert.equal(n.kind, "dispute_opened");
    assert.equal(n.id, "pi_1:dispute_opened");
    assert.equal(n.link, "/coach/sales");
    assert.equal(n.title, "En kund har bestridit ett köp på 499,00 kr");
    assert.match(n.body, /köpet \(Andas lugnt\) hos sin kortutgivare\. Din del, 399,20 kr, har dragits tillbaka medan tvisten pågår/);
    assert.equal(n.en?.title, "A customer disputed a 499.00 SEK sale");
    assert.match(n.en!.body, /Your share, 399\.20 SEK, has been taken back/);
    assert.equal(n.read, false);
  });

  it("without a recorded share it says 'your share' without a figure, never a wrong one", () => {
    const n = plain(disputeNotification(sale, { ...sale, status: "disputed" }, NOW))!;
    assert.match(n.body, /Din del har dragits tillbaka/);
    assert.doesNotMatch(n.body, /0,00/);
  });

  it("a dispute won or lost is told once, by its outcome", () => {
    const open = { ...sale, status: "disputed", disputeTransfers: [{ coachAmount: 39920 }] };
    const won = plain(disputeNotification(open, { ...open, status: "succeeded", disputeOutcome: "won" }, NOW))!;
    assert.equal(won.kind, "dispute_won");
    assert.equal(won.id, "pi_1:dispute_won");
    assert.match(won.body, /Din del, 399,20 kr, är tillbaka på ditt saldo/);
    const lost = plain(disputeNotification(open, { ...open, status: "disputed_lost", disputeOutcome: "lost" }, NOW))!;
    assert.equal(lost.kind, "dispute_lost");
    assert.match(lost.body, /kunden har fått tillbaka pengarna, och din del, 399,20 kr, kommer inte tillbaka/);
    assert.match(lost.en!.title, /was lost/);
    // The same outcome seen again (a later change of the document) says nothing.
    assert.equal(disputeNotification({ ...open, disputeOutcome: "lost" }, { ...open, disputeOutcome: "lost", updatedAt: 1 } as DisputedPaymentView, NOW), null);
  });

  it("other changes, a disputed sale changing again, and subscriptions (no coach) say nothing", () => {
    assert.equal(disputeNotification(sale, { ...sale, status: "refunded" }, NOW), null);
    const open = { ...sale, status: "disputed" };
    assert.equal(disputeNotification(open, { ...open, description: "x" }, NOW), null);
    assert.equal(disputeNotification({ ...sale, coachId: null }, { ...sale, coachId: null, status: "disputed" }, NOW), null);
  });

  it("a retried trigger makes the same notification, so the store keeps one (ids from the payment and the event)", () => {
    const open = { ...sale, status: "disputed" };
    assert.deepEqual(disputeNotification(sale, open, NOW), disputeNotification(sale, open, NOW));
    assert.notEqual(disputeNotification(sale, open, NOW)!.id, disputeNotification(open, { ...open, disputeOutcome: "won" }, NOW)!.id);
  });

  it("every text in full, both languages, with and without the share's figure", () => {
    const open = { ...sale, status: "disputed", disputeTransfers: [{ coachAmount: 39920 }] };
    const texts = (n: ReturnType<typeof disputeNotification>) => {
      const p = plain(n)!;
      return [p.title, p.body, p.en!.title, p.en!.body];
    };
    assert.deepEqual(texts(disputeNotification(null, { ...open, disputeOutcome: "won" }, NOW)), [
      "Tvisten om köpet på 499,00 kr är vunnen",
      "Kortutgivaren gav plattformen rätt i tvisten om köpet (Andas lugnt). Din del, 399,20 kr, är tillbaka på ditt saldo och kommer med i nästa utbetalning.",
      "The dispute over the 499.00 SEK sale is won",
      "The card issuer decided the dispute over the sale (Andas lugnt) for the platform. Your share, 399.20 SEK, is back in your balance and goes with your next payout.",
    ]);
    const bare = { ...sale, description: null, status: "disputed" };
    assert.deepEqual(texts(disputeNotification(bare, { ...bare, disputeOutcome: "won" }, NOW)), [
      "Tvisten om köpet på 499,00 kr är vunnen",
      "Kortutgivaren gav plattformen rätt i tvisten om köpet. Din del är tillbaka på ditt saldo och kommer med i nästa utbetalning.",
      "The dispute over the 499.00 SEK sale is won",
      "The card issuer decided the dispute over the sale for the platform. Your share is back in your balance and goes with your next payout.",
    ]);
    assert.deepEqual(texts(disputeNotification(bare, { ...bare, disputeOutcome: "lost" }, NOW)), [
      "Tvisten om köpet på 499,00 kr förlorades",
      "Kortutgivaren gav kunden rätt i tvisten om köpet: kunden har fått tillbaka pengarna, och din del kommer inte tillbaka.",
      "The dispute over the 499.00 SEK sale was lost",
      "The card issuer decided the dispute over the sale for the customer: they have their money back, and your share does not come back.",
    ]);
    assert.deepEqual(texts(disputeNotification(open, { ...open, disputeOutcome: "lost" }, NOW)).slice(1, 4).filter((_, k) => k !== 1), [
      "Kortutgivaren gav kunden rätt i tvisten om köpet (Andas lugnt): kunden har fått tillbaka pengarna, och din del, 399,20 kr, kommer inte tillbaka.",
      "The card issuer decided the dispute over the sale (Andas lugnt) for the customer: they have their money back, and your share, 399.20 SEK, does not come back.",
    ]);
    assert.deepEqual(texts(disputeNotification(sale, open, NOW)), [
      "En kund har bestridit ett köp på 499,00 kr",
      "Kunden har bestridit köpet (Andas lugnt) hos sin kortutgivare. Din del, 399,20 kr, har dragits tillbaka medan tvisten pågår; plattformen svarar kortutgivaren, och vinner den får du tillbaka pengarna. Du får besked när tvisten är avgjord.",
      "A customer disputed a 499.00 SEK sale",
      "The customer disputed the sale (Andas lugnt) with their card issuer. Your share, 399.20 SEK, has been taken back while the dispute lasts; the platform answers the card issuer, and if it wins you get the money back. You will hear when the dispute is decided.",
    ]);
    assert.deepEqual(texts(disputeNotification(null, bare, NOW)).slice(1, 4).filter((_, k) => k !== 1), [
      "Kunden har bestridit köpet hos sin kortutgivare. Din del har dragits tillbaka medan tvisten pågår; plattformen svarar kortutgivaren, och vinner den får du tillbaka pengarna. Du får besked när tvisten är avgjord.",
      "The customer disputed the sale with their card issuer. Your share has been taken back while the dispute lasts; the platform answers the card issuer, and if it wins you get the money back. You will hear when the dispute is decided.",
    ]);
  });
});
