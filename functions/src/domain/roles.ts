/** Roles are Firebase Auth custom claims (`role`), checked on the server; users/{uid} mirrors them for the UI. */
export const ROLES = ["customer", "coach", "admin", "accountant"] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === "string" && (ROLES as readonly string[]).includes(value);
