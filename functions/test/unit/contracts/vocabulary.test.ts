/**
 * contracts/ may import nothing from the server, so its closed lists are copies: this fails the
 * moment one side changes without the other (a currency, a role, a VAT rate). The CSV formats
 * have no server copy: app/reports/csv.ts takes them from the vocabulary.
 */
import assert from "node:assert/strict";
import * as vocabulary from "../../../src/contracts/vocabulary";
import { VOUCHER_NUMBER_PATTERN } from "../../../src/app/accounting/booked-by-hand";
import { REPORT_PERIODS } from "../../../src/app/reports/reports";
import { VAT_RATES_BPS } from "../../../src/domain/accounting-mapping";
import { CURRENCIES } from "../../../src/domain/money";
import { ROLES } from "../../../src/domain/roles";

describe("contracts: the closed lists match the server's", () => {
  it("currencies, roles, VAT rates, report periods, voucher numbers", () => {
    assert.deepEqual(vocabulary.CURRENCIES, CURRENCIES);
    assert.deepEqual(vocabulary.ROLES, ROLES);
    assert.deepEqual(vocabulary.VAT_RATES_BPS, VAT_RATES_BPS);
    assert.deepEqual(vocabulary.REPORT_PERIODS, REPORT_PERIODS);
    assert.equal(vocabulary.VOUCHER_NUMBER_PATTERN.source, VOUCHER_NUMBER_PATTERN.source);
  });
});
