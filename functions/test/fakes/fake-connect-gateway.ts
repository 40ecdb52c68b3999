import { DomainError } from "../../src/domain/errors";
import type { Currency } from "../../src/domain/money";
import type { ConnectAccountState, ConnectGateway, CreatePayoutInput } from "../../src/ports/connect-gateway";

interface FakePayout {
  id: string;
  accountId: string;
  amount: number;
  currency: Currency;
  key: string;
  metadata: { kassaPayoutId: string; kassaAttempt: string };
}

/**
 * A Stripe Connect stand-in with Stripe's idempotency (same key, same answer, including a
 * refusal) and its refusal past the available balance. `failAfterEffect` makes the next
 * payout call succeed at "Stripe" and then throw, like a response lost on the way back.
 */
export class FakeConnectGateway implements ConnectGateway {
  readonly accounts = new Map<string, ConnectAccountState & { key: string }>();
  readonly available = new Map<string, number>();
  readonly payouts: FakePayout[] = [];
  private readonly replies = new Map<string, { ok: FakePayout } | { error: DomainError }>();
  calls = 0;
  failAfterEffect = 0;
  unavailable = 0;

  async createAccount(input: { coachId: string }): Promise<ConnectAccountState> {
    this.calls++;
    const key = `acct-${input.coachId}`;
    const existing = [...this.accounts.values()].find((a) => a.key === key);
    if (existing) return { ...existing };
    const a = { accountId: `acct_${this.accounts.size + 1}`, chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, requirementsDue: ["external_account"], disabledReason: "requirements.past_due", key };
    this.accounts.set(a.accountId, a);
    return { ...a };
  }

  async accountLink(input: { accountId: string; returnUrl: string }): Promise<string> {
    this.calls++;
    return `https://connect.example/${input.accountId}?return=${encodeURIComponent(input.returnUrl)}`;
  }

  async loginLink(accountId: string): Promise<string> {
    this.calls++;
    return `https://express.example/${accountId}`;
  }

  async balance(accountId: string): Promise<{ available: number; pending: number }> {
    this.calls++;
    return { available: this.available.get(accountId) ?? 0, pending: 0 };
  }

  async createPayout(input: CreatePayoutInput): Promise<{ stripePayoutId: string; status: string }> {
    this.calls++;
    if (this.unavailable > 0) {
      this.unavailable--;
      throw new DomainError("provider_unavailable", "Stripe is unavailable (create payout): test");
    }
    const slot = `${input.accountId}:${input.idempotencyKey}`;
    let reply = this.replies.get(slot);
    if (!reply) {
      const avail = this.available.get(input.accountId) ?? 0;
      if (input.amount > avail) {
        reply = { error: new DomainError("provider_rejected", "Stripe refused (create payout): insufficient funds", "amount", { stripeCode: "balance_insufficient" }) };
      } else {
        this.available.set(input.accountId, avail - input.amount);
        const p = { id: `po_${this.payouts.length + 1}`, accountId: input.accountId, amount: input.amount, currency: input.currency, key: input.idempotencyKey, metadata: { kassaPayoutId: input.payoutId, kassaAttempt: String(input.attempt) } };
        this.payouts.push(p);
        reply = { ok: p };
      }
      this.replies.set(slot, reply);
      if (this.failAfterEffect > 0) {
        this.failAfterEffect--;
        throw new DomainError("provider_unavailable", "Stripe is unavailable (create payout): response lost");
      }
    }
    if ("error" in reply) throw reply.error;
    return { stripePayoutId: reply.ok.id, status: "in_transit" };
  }
}
