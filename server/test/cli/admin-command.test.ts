// `vidstream admin grant`, run as the operator runs it: the built command over the platform's own database
// (the platform closed meanwhile, as the embedded database takes one process at a time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { auditLog } from '../support/moderation.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { requireBuild, runVidstream } from '../support/vidstream-process.js';

type Person = Awaited<ReturnType<typeof register>>;

let test: TestPlatform;
let founder: Person;
let member: Person;

beforeAll(async () => {
  requireBuild();
  test = await startTestPlatform();
  founder = await register(test.app);
  member = await register(test.app);
});
afterAll(() => test.close());

/** The variables that point the command at this platform's database and data folder. */
function platformEnv(): Record<string, string> {
  const { config } = test.platform;
  if (config.database.kind === 'embedded') return { DATA_DIR: test.dataDir };
  return {
    DATA_DIR: test.dataDir,
    DATABASE_URL: config.database.url,
    SESSION_SECRET: config.sessionSecret ?? '',
  };
}

async function admin(...args: string[]) {
  let result: Awaited<ReturnType<typeof runVidstream>> | undefined;
  await test.restart(async () => {
    result = await runVidstream(['admin', ...args], platformEnv());
  });
  if (!result) throw new Error('the command did not run');
  return result;
}

const roleOf = async (person: Person) =>
  (await test.app.inject({ url: '/api/v1/me', headers: bearer(person.token) })).json().user.role;

describe('vidstream admin grant', () => {
  it('makes an account administrator, in the audit log as the command line', async () => {
    expect(await roleOf(member)).toBe('member');
    const { code, stdout, stderr } = await admin('grant', member.email.toUpperCase());
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`${member.email.toUpperCase()} is now an administrator`);
    expect(await roleOf(member)).toBe('administrator');
    expect((await auditLog(test.app, founder.token))[0]).toMatchObject({
      actor: null,
      action: 'role_changed',
      target: { kind: 'account', id: member.id },
      details: { from: 'member', to: 'administrator' },
    });
  }, 60_000);

  it('gives another role with --role', async () => {
    const { code, stderr } = await admin('grant', member.email, '--role', 'moderator');
    expect(code, stderr).toBe(0);
    expect(await roleOf(member)).toBe('moderator');
  }, 60_000);

  it('says so when no account has the email, and changes nothing', async () => {
    const { code, stderr } = await admin('grant', 'nobody@example.test');
    expect(code).toBe(1);
    expect(stderr).toContain('No account has the email nobody@example.test');
    expect(stderr).not.toContain('    at ');
  }, 60_000);

  it('explains its usage when the command line is wrong, before opening anything', async () => {
    for (const args of [['grant'], ['revoke', member.email], ['grant', member.email, '--role', 'owner']]) {
      const { code, stderr } = await runVidstream(['admin', ...args], platformEnv());
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain('Usage: vidstream admin grant EMAIL [--role administrator|moderator|member]');
    }
  });
});
