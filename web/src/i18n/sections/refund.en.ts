/** The admin's refund dialog (pages/admin/Payments.tsx, lib/refund-amount.ts). */
const refund = {
  title: "Refund a payment",
  customer: "Customer",
  program: "Purchase",
  paid: "Paid",
  alreadyRefunded: "Already refunded",
  left: "Can still be refunded",
  coach: "Coach",
  what: "The customer gets the amount back on their card. The coach's share and the platform fee are reversed in proportion.",
  amountLabel: "Amount to refund (kr)",
  reasonLabel: "Reason",
  reasons: {
    requested_by_customer: "The customer asked for it",
    duplicate: "Charged twice",
    fraudulent: "Fraudulent",
  },
  confirm: "Refund",
  amountRequired: "Amount to refund must be filled in.",
  amountNegative: "Amount to refund cannot be negative.",
  amountDecimals: "Amount to refund can have at most two decimals (öre), e.g. 199.50.",
  amountNotNumber: "Amount to refund must be an amount in kronor, e.g. 199 or 199.50.",
  amountZero: "Amount to refund must be greater than zero.",
  amountTooLarge: "Amount to refund can be at most {{left}}, what is left of the payment.",
  sent: "Refund of {{amount}} sent; it shows here when Stripe confirms it.",
  waiting: "The refund of {{amount}} waits for a second admin's approval.",
} as const;

export default refund;
