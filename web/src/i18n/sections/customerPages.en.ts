/** The customer's premium card and purchases table (pages/customer/Premium.tsx, Purchases.tsx). */
const customerPages = {
  premium: {
    title: "Premium",
    loading: "Loading your subscription…",
    pitch: "All guided sessions, every week. {{price}} a month, cancel any time.",
    opening: "Opening checkout…",
    subscribe: "Subscribe",
    pastDue: "Your last payment failed; Stripe will try again.",
    active: "You have premium.",
    endsOn: "It ends on {{date}}.",
    renewsOn: "It renews on {{date}}.",
    keep: "Keep premium",
    cancel: "Cancel at the end of the period",
  },
  purchases: {
    loadFailed: "Could not load your purchases: {{error}}",
    loading: "Loading your purchases…",
    none: "No purchases yet.",
    browse: "Browse programs",
    table: "Your purchases",
    date: "Date",
    what: "What",
    amount: "Amount",
    status: "Status",
    refunded: " ({{amount}} refunded)",
  },
} as const;

export default customerPages;
