/** The confirmations on the dual-control Approvals page. */
const approvalDialogs = {
  approveTitle: "Approve this request?",
  rejectTitle: "Reject this request?",
  withdrawTitle: "Withdraw your request?",
  asked: "{{who}} asked for it.",
  approveRefund: "{{amount}} is refunded to the customer's card through Stripe now. This cannot be undone.",
  approveRole: "{{who}} becomes {{role}} at once, with that role's access.",
  rejectNothing: "Nothing is refunded or changed; the one who asked sees your reason.",
  withdrawNothing: "Nothing is refunded or changed.",
  reason: "Reason",
  reasonShort: "Write at least 3 characters.",
  approved: "Approved.",
  rejected: "Rejected.",
} as const;

export default approvalDialogs;
