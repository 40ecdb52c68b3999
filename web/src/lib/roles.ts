import { i18n } from "../i18n";
export const ROLES = ["customer", "coach", "admin", "accountant"] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (v: unknown): v is Role => typeof v === "string" && (ROLES as readonly string[]).includes(v);
/** The roles the server asks a second factor of (functions/src/triggers/staff-mfa.ts). */
export const isStaff = (role: Role | null): boolean => role === "admin" || role === "accountant";

/** Role names in the active language. */
export const ROLE_LABEL: Record<Role, string> = new Proxy({} as Record<Role, string>, {
  get: (_, role) => (typeof role === "string" ? i18n.t(`roles.${role}`) : undefined),
});
