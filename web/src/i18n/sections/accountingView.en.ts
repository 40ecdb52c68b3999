/** The accountant's bookkeeping page: the mapping's trail of changes and its refusals in words. */
const accountingView = {
  side: {
    label: "Kassa and Fortnox side by side, {{id}}",
    account: "Account",
    kassaDebit: "Kassa debit",
    kassaCredit: "Kassa credit",
    fortnoxDebit: "Fortnox debit",
    fortnoxCredit: "Fortnox credit",
    check: "Agrees",
    agrees: "✓",
    agreesWords: "agrees",
    differs: "differs by {{amount}}",
    total: "Total",
    allAgree: "Fortnox holds exactly what Kassa posted.",
    someDiffer: "Fortnox differs from what Kassa posted: check the rows marked below.",
  },
  voucher: {
    number: "voucher {{number}}",
    numberInYear: "voucher {{number}}, financial year {{year}}",
    findInFortnox: "In Fortnox: Bokföring › Verifikationer, series {{series}}, number {{num}}",
  },
  trail: {
    title: "Changes to the mapping",
    none: "No changes saved yet.",
    line: "{{when}}, {{who}}",
    change: "{{field}}: {{from}} → {{to}}",
    series: "Voucher series",
    none_value: "(none)",
    listLabel: "Changes to the mapping, newest first",
  },
  mappingErrors: {
    refused: "{{label}}: {{reason}}",
    notInFortnox: "account {{account}} does not exist in Fortnox's chart of accounts",
    inactive: "account {{account}} is inactive in Fortnox",
    vat: "enter 25, 12, 6 or 0 %",
    account: "enter a BAS account number between 1000 and 9999",
  },
};

export default accountingView;
