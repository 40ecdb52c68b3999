import type en from "./en";

export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
/** Every language's catalogue has exactly English's keys (TypeScript and catalogue.test.ts check). */
export type Catalogue = Strings<typeof en>;
