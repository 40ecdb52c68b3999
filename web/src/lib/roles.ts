export const ROLES = ["customer", "coach", "admin", "accountant"] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (v: unknown): v is Role => typeof v === "string" && (ROLES as readonly string[]).includes(v);

export const ROLE_LABEL: Record<Role, string> = {
  customer: "Customer",
  coach: "Coach",
  admin: "Admin",
  accountant: "Accountant",
};
