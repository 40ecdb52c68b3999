/** What a payout pays for (coach's payout history, statements). */
const payoutLines = {
  sales_one: "{{program}}: {{count}} sale",
  sales_other: "{{program}}: {{count}} sales",
  leftForLater: "Left for a later payout",
  adjustment: "Refunds, disputes and balance carried between payouts",
  total: "This payout",
} as const;

export default payoutLines;
