/**
 * Stripe Connect requirement codes ("individual.dob.day", "tos_acceptance.date") as the
 * catalogue keys of a plain checklist: the longest known prefix names the step, so the three
 * date-of-birth fields become one "Confirm your date of birth". Unknown codes keep a generic
 * step that still names the code, so nothing Stripe asks for is hidden.
 */
export const REQUIREMENT_STEPS = [
  "external_account",
  "individual.dob",
  "individual.first_name",
  "individual.last_name",
  "individual.email",
  "individual.phone",
  "individual.address",
  "individual.id_number",
  "individual.verification.document",
  "individual.verification.additional_document",
  "business_profile.url",
  "business_profile.mcc",
  "business_profile.product_description",
  "business_type",
  "tos_acceptance",
  "company.name",
  "company.tax_id",
  "company.address",
  "representative",
] as const;

export interface RequirementStep {
  /** Catalogue key under `requirements.`. */
  key: (typeof REQUIREMENT_STEPS)[number] | "other";
  code: string;
}

export function requirementSteps(codes: readonly string[]): RequirementStep[] {
  const steps: RequirementStep[] = [];
  const seen = new Set<string>();
  for (const code of codes) {
    const key = [...REQUIREMENT_STEPS].filter((s) => code === s || code.startsWith(`${s}.`)).sort((a, b) => b.length - a.length)[0] ?? "other";
    const id = key === "other" ? `other:${code}` : key;
    if (seen.has(id)) continue;
    seen.add(id);
    steps.push({ key, code });
  }
  return steps;
}
