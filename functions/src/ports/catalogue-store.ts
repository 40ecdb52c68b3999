import type { Money } from "../domain/money";

/** `programs/{id}`: a coach's program. The price is the only amount a checkout ever uses. */
export interface Program {
  id: string;
  coachId: string;
  coachName: string;
  title: string;
  description: string;
  price: Money;
  active: boolean;
  /** Bumped on every price change, so a Stripe price mirrors exactly one version. */
  priceVersion: number;
  stripeProductId: string | null;
  stripePriceId: string | null;
  stripePriceVersion: number | null;
  /**
   * Whether the coach's Stripe account can take payments (Connect charges enabled), kept by
   * the server (saveProgram, account.updated): the catalogue lists only programs that can be
   * bought, so nobody meets a program whose Buy fails. Absent on programs saved before it.
   */
  coachCanSell?: boolean;
}

/** `plans/{id}`: the platform's subscription plans (premium, 99 kr/month). */
export interface Plan {
  id: string;
  title: string;
  price: Money;
  interval: "month";
  active: boolean;
  priceVersion: number;
  stripeProductId: string | null;
  stripePriceId: string | null;
  stripePriceVersion: number | null;
}

/** What checkout needs to know of a coach's Stripe account (`coaches/{uid}`). */
export interface CoachPaymentAccount {
  stripeAccountId: string | null;
  chargesEnabled: boolean;
}

export interface CatalogueStore {
  getProgram(id: string): Promise<Program | null>;
  saveProgram(program: Program): Promise<void>;
  getPlan(id: string): Promise<Plan | null>;
  /** Records the mirrored Stripe price, unless the price changed meanwhile. */
  setStripePrice(
    kind: "program" | "plan",
    id: string,
    version: number,
    ids: { productId: string; priceId: string },
  ): Promise<void>;
  getCoachAccount(uid: string): Promise<CoachPaymentAccount | null>;
  /** Marks every program of the coach as sellable or not (after an account.updated). */
  setCoachCanSell(coachId: string, canSell: boolean): Promise<number>;
}

/** `users/{uid}` fields the payment flows use. */
export interface CustomerProfile {
  uid: string;
  email: string | null;
  stripeCustomerId: string | null;
  premium: { status: string; subscriptionId: string } | null;
}

export interface CustomerStore {
  get(uid: string): Promise<CustomerProfile | null>;
  /** Sets the customer id unless one is already there; returns the one that is stored. */
  claimStripeCustomerId(uid: string, customerId: string): Promise<string>;
  findByStripeCustomerId(customerId: string): Promise<string | null>;
}

/** Settings the money flows read; cached briefly by the adapter (they change rarely). */
export interface PaymentSettings {
  feeBps: number;
  holdDays: number;
  refundFeeReversal: "proportional" | "none";
}

export interface SettingsReader {
  payments(): Promise<PaymentSettings>;
}
