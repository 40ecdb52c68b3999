/**
 * SecretStore on Google Secret Manager: every write is a new version (the latest wins) and
 * older versions are destroyed, so a leaked old refresh token is worthless twice over.
 */
import type { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import type { SecretStore } from "../../ports/secret-store";
import { secretLocations } from "../../config/service-accounts.json";

const NOT_FOUND = 5;
const isNotFound = (e: unknown): boolean => (e as { code?: number }).code === NOT_FOUND;

// Loaded on first use: the client library (gRPC, protobufs) costs ~0.3 s to require, and
// every function instance loads this file, while only the Fortnox token flow needs it.
let client: Promise<SecretManagerServiceClient> | undefined;
const sm = (): Promise<SecretManagerServiceClient> =>
  (client ??= import("@google-cloud/secret-manager").then((m) => new m.SecretManagerServiceClient()));

export class SecretManagerStore implements SecretStore {
  constructor(private readonly projectId: string) {}

  private secret(name: string): string {
    return `projects/${this.projectId}/secrets/${name}`;
  }

  async readLatest(name: string): Promise<string | null> {
    try {
      const [version] = await (await sm()).accessSecretVersion({ name: `${this.secret(name)}/versions/latest` });
      const value = version.payload?.data?.toString() ?? "";
      return value === "" ? null : value;
    } catch (error) {
      // No secret yet, or every version destroyed (after a disconnect).
      if (isNotFound(error) || (error as { code?: number }).code === 9) return null;
      throw error;
    }
  }

  async writeVersion(name: string, value: string): Promise<void> {
    const parent = this.secret(name);
    let added;
    try {
      [added] = await (await sm()).addSecretVersion({ parent, payload: { data: Buffer.from(value, "utf8") } });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await (await sm()).createSecret({
        parent: `projects/${this.projectId}`,
        secretId: name,
        // EU only, as scripts/deploy/iam.sh creates it (an automatic secret may be stored
        // anywhere). Deployed, the accounting account may not create secrets at all: iam.sh
        // makes this one first, so this path serves a project set up by hand.
        secret: { replication: { userManaged: { replicas: secretLocations.map((location) => ({ location })) } } },
      });
      [added] = await (await sm()).addSecretVersion({ parent, payload: { data: Buffer.from(value, "utf8") } });
    }
    await this.destroyEnabledVersions(name, added.name ?? undefined);
  }

  async clear(name: string): Promise<void> {
    await this.destroyEnabledVersions(name);
  }

  private async destroyEnabledVersions(name: string, keep?: string): Promise<void> {
    let versions;
    try {
      [versions] = await (await sm()).listSecretVersions({ parent: this.secret(name), filter: "state:ENABLED" });
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    for (const v of versions) {
      if (v.name && v.name !== keep) await (await sm()).destroySecretVersion({ name: v.name });
    }
  }
}
