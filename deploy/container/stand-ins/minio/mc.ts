// Stand-in for MinIO's client `mc`, for the commands compose's stack runs: `alias set`, `mb`, `admin user
// add|info`, `admin policy attach` (init-buckets.sh) and `ready` (MinIO's healthcheck). Requests are
// signed with SigV4 by the AWS SDK's signer, as mc signs them; aliases are kept where mc keeps them.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Credentials, sign } from './sigv4.ts';

interface Alias extends Credentials {
  url: string;
}

const configFile = path.join(process.env.MC_CONFIG_DIR ?? path.join(os.homedir(), '.mc'), 'config.json');

function readAliases(): Record<string, Alias> {
  try {
    return JSON.parse(readFileSync(configFile, 'utf8')).aliases ?? {};
  } catch {
    return {};
  }
}

function alias(name: string): Alias {
  // The MinIO image knows `local` as the server in the same container.
  const found =
    readAliases()[name] ??
    (name === 'local' ? { url: 'http://127.0.0.1:9000', accessKeyId: '', secretAccessKey: '' } : undefined);
  if (!found) throw new Error(`Alias \`${name}\` not found.`);
  return found;
}

async function call(target: Alias, method: string, pathAndQuery: string, body?: unknown) {
  const url = new URL(pathAndQuery, target.url);
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers = await sign(
    {
      method,
      url,
      headers: { 'x-amz-content-sha256': createHash('sha256').update(text).digest('hex') },
      body: text,
    },
    target,
  );
  delete headers.host;
  const response = await fetch(url, { method, headers, body: text || undefined });
  return { status: response.status, text: await response.text() };
}

function failUnless(ok: boolean, what: string, answer: { status: number; text: string }): void {
  if (!ok) throw new Error(`${what}: ${answer.status} ${answer.text}`);
}

async function main(args: string[]): Promise<void> {
  const command = args.join(' ');
  if (command.startsWith('alias set ')) {
    const [name = '', url = '', accessKeyId = '', secretAccessKey = ''] = args.slice(2);
    const aliases = { ...readAliases(), [name]: { url, accessKeyId, secretAccessKey } };
    mkdirSync(path.dirname(configFile), { recursive: true });
    writeFileSync(configFile, JSON.stringify({ version: '10', aliases }), { mode: 0o600 });
    return console.info(`Added \`${name}\` successfully.`);
  }
  if (args[0] === 'mb') {
    const ignoreExisting = args.includes('--ignore-existing') || args.includes('-p');
    for (const target of args.slice(1).filter((arg) => !arg.startsWith('-'))) {
      const [name = '', bucket = ''] = target.split('/');
      const answer = await call(alias(name), 'PUT', `/${bucket}`);
      if (answer.status === 409 && ignoreExisting) console.info(`Bucket \`${target}\` already exists.`);
      else failUnless(answer.status === 200, `Unable to make bucket \`${target}\``, answer);
      if (answer.status === 200) console.info(`Bucket created successfully \`${target}\`.`);
    }
    return;
  }
  if (command.startsWith('admin user add ')) {
    const [name = '', accessKey = '', secretKey = ''] = args.slice(3);
    const query = `?accessKey=${encodeURIComponent(accessKey)}`;
    const answer = await call(alias(name), 'PUT', `/minio/admin/v3/add-user${query}`, {
      secretKey,
      status: 'enabled',
    });
    failUnless(answer.status === 200, `Unable to add new user`, answer);
    return console.info(`Added user \`${accessKey}\` successfully.`);
  }
  if (command.startsWith('admin user info ')) {
    const [name = '', accessKey = ''] = args.slice(3);
    const answer = await call(
      alias(name),
      'GET',
      `/minio/admin/v3/user-info?accessKey=${encodeURIComponent(accessKey)}`,
    );
    failUnless(answer.status === 200, `Unable to get user info`, answer);
    const { status, policyName } = JSON.parse(answer.text) as { status: string; policyName: string };
    return console.info(
      `AccessKey: ${accessKey}\nStatus: ${status}\nPolicyName: ${policyName}\nMemberOf: []`,
    );
  }
  if (command.startsWith('admin policy attach ')) {
    const userAt = args.indexOf('--user');
    const [name = '', ...policies] = args.slice(3, userAt < 0 ? undefined : userAt);
    const user = args[userAt + 1] ?? '';
    const answer = await call(alias(name), 'POST', '/minio/admin/v3/idp/builtin/policy/attach', {
      policies,
      user,
    });
    failUnless(answer.status === 200 && userAt >= 0, `Unable to attach policy`, answer);
    return console.info(`Attached Policies: [${policies.join(' ')}]\nTo User: ${user}`);
  }
  if (args[0] === 'ready') {
    const answer = await fetch(new URL('/minio/health/ready', alias(args[1] ?? '').url)).catch(
      () => undefined,
    );
    if (answer?.status !== 200) throw new Error(`The cluster is not ready`);
    return console.info(`The cluster is ready`);
  }
  throw new Error(`the stand-in does not know \`mc ${command}\``);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`mc: <ERROR> ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
