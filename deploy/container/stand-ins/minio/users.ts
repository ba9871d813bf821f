// The MinIO stand-in's identities: the root user from MINIO_ROOT_USER/PASSWORD, and the users added
// through the admin API with the policies attached to them, kept in the data directory across restarts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface User {
  secretKey: string;
  policies: string[];
}

/** The only policy VidStream's stack attaches: read and write in every bucket. */
export const READ_WRITE = 'readwrite';

export class Users {
  private readonly file: string;
  private readonly users: Map<string, User>;
  readonly root: { accessKey: string; secretKey: string };

  constructor(dataDirectory: string, root: { accessKey: string; secretKey: string }) {
    this.root = root;
    // MinIO keeps its own state under .minio.sys, which is no valid bucket name.
    this.file = path.join(dataDirectory, '.minio.sys', 'users.json');
    const saved = existsSync(this.file) ? JSON.parse(readFileSync(this.file, 'utf8')) : {};
    this.users = new Map(Object.entries(saved as Record<string, User>));
  }

  secretOf(accessKey: string): string | undefined {
    return accessKey === this.root.accessKey ? this.root.secretKey : this.users.get(accessKey)?.secretKey;
  }

  get(accessKey: string): User | undefined {
    return this.users.get(accessKey);
  }

  /** Root, or a user holding the readwrite policy. */
  mayUseBuckets(accessKey: string): boolean {
    return (
      accessKey === this.root.accessKey || Boolean(this.users.get(accessKey)?.policies.includes(READ_WRITE))
    );
  }

  /** Adds the user, or sets a new secret for one already there (as MinIO does), keeping its policies. */
  put(accessKey: string, secretKey: string): void {
    this.users.set(accessKey, { secretKey, policies: this.users.get(accessKey)?.policies ?? [] });
    this.save();
  }

  attach(accessKey: string, policy: string): void {
    const user = this.users.get(accessKey);
    if (!user) throw new Error(`no user ${accessKey}`);
    user.policies.push(policy);
    this.save();
  }

  /** Every key pair, for the S3 server's signature checks. */
  keyPairs(): [string, string][] {
    return [
      [this.root.accessKey, this.root.secretKey],
      ...[...this.users].map(([accessKey, user]): [string, string] => [accessKey, user.secretKey]),
    ];
  }

  private save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(Object.fromEntries(this.users)));
  }
}
