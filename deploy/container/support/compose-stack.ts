// The compose stack (deploy/compose) run as shipped with Debian's podman-compose: its files copied
// unchanged to a scratch directory, a .env written by its own init-env.sh, then `up` and `down`.
// podman-compose 1.0 starts every service at once, ignoring depends_on conditions, so the stack is
// brought up in the order those conditions ask for, as Docker Compose would bring it up.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { COMPOSE_DIR, compose } from '../../compose/test/stack.js';
import { podman } from './podman.js';

const run = promisify(execFile);
const SHIPPED = ['compose.yaml', 'Caddyfile', 'init-buckets.sh', 'init-env.sh', '.env.example'];

export interface StackOptions {
  /** Compose's project name; containers are `<project>_<service>_1`. */
  project: string;
  /** The VidStream image (VIDSTREAM_IMAGE). */
  image: string;
  /** PUBLIC_PORT: the port of the web app, the API and storage on this machine. */
  port: number;
  /** LIVE_RTMP_PORT: where encoders publish to the live container. */
  rtmpPort: number;
}

/** Which services others wait for: to be healthy, or to have run to a successful end. */
export function dependencyConditions() {
  const { services } = compose();
  const awaited = (condition: string) => [
    ...new Set(
      Object.values(services).flatMap((service) =>
        Object.entries(service.depends_on ?? {}).flatMap(([name, dependency]) =>
          dependency.condition === condition ? [name] : [],
        ),
      ),
    ),
  ];
  const healthy = awaited('service_healthy');
  const completed = awaited('service_completed_successfully');
  const others = Object.keys(services).filter((name) => !healthy.includes(name) && !completed.includes(name));
  return { healthy, completed, others };
}

export class ComposeStack {
  private constructor(
    readonly directory: string,
    readonly options: StackOptions,
  ) {}

  /** A scratch copy of deploy/compose with a fresh .env (the suite's image, free ports). */
  static async prepare(options: StackOptions): Promise<ComposeStack> {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'vidstream-compose-'));
    for (const file of SHIPPED) await copyFile(path.join(COMPOSE_DIR, file), path.join(directory, file));
    await run('sh', [path.join(directory, 'init-env.sh')]);
    const envFile = path.join(directory, '.env');
    const env = (await readFile(envFile, 'utf8'))
      .replace(/^PUBLIC_PORT=.*$/m, `PUBLIC_PORT=${options.port}`)
      .replace(/^LIVE_RTMP_PORT=.*$/m, `LIVE_RTMP_PORT=${options.rtmpPort}`)
      .replace(/^VIDSTREAM_IMAGE=.*$/m, `VIDSTREAM_IMAGE=${options.image}`);
    await writeFile(envFile, env);
    // podman as these machines need it (CONTAINERS.md), for every podman command podman-compose runs.
    await writeFile(
      path.join(directory, 'containers.conf'),
      '[containers]\ndefault_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]\n[engine]\nruntime = "runc"\n',
    );
    return new ComposeStack(directory, options);
  }

  container(service: string): string {
    return `${this.options.project}_${service}_1`;
  }

  /** `podman-compose …` in the stack's directory; throws with its output when it fails. */
  async podmanCompose(args: string[]): Promise<string> {
    const { stdout } = await run('podman-compose', ['-p', this.options.project, ...args], {
      cwd: this.directory,
      env: { ...process.env, CONTAINERS_CONF: path.join(this.directory, 'containers.conf') },
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  }

  /** The names of the stack's containers, running or not. */
  async containers(): Promise<string[]> {
    const label = `label=io.podman.compose.project=${this.options.project}`;
    const { stdout } = await podman(['ps', '--all', '--filter', label, '--format', '{{.Names}}']);
    return stdout.split('\n').filter(Boolean);
  }

  /** First what others wait to be healthy, then the rest; returns once every condition holds. */
  async up(): Promise<void> {
    const { healthy, completed, others } = dependencyConditions();
    await this.podmanCompose(['up', '-d', '--no-build', ...healthy]);
    await Promise.all(healthy.map((service) => this.waitHealthy(service)));
    await this.podmanCompose(['up', '-d', '--no-build']);
    for (const service of completed) await this.waitCompleted(service);
    await Promise.all(others.map((service) => this.waitHealthy(service)));
  }

  /** `down`: containers removed (with their anonymous volumes), named volumes kept unless asked. */
  async down({ volumes = false } = {}): Promise<void> {
    await this.podmanCompose(['--podman-rm-args=-v', 'down', ...(volumes ? ['-v'] : [])]);
  }

  /** Everything gone: containers, volumes, network and the scratch directory. */
  async destroy(): Promise<void> {
    await this.down({ volumes: true }).catch((error: unknown) => console.error(error));
    await podman(['network', 'rm', '--force', `${this.options.project}_default`]);
    await rm(this.directory, { recursive: true, force: true });
  }

  /** Runs the service's own healthcheck until it passes (the engine here has no timer to run it). */
  async waitHealthy(service: string, timeoutMs = 180_000): Promise<void> {
    const container = this.container(service);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await podman(['healthcheck', 'run', container])).code === 0) return;
      await sleep(1000);
    }
    throw new Error(`${service} did not become healthy:\n${await this.logs(service)}`);
  }

  /** Waits for a one-shot service to end; it must end with 0. */
  async waitCompleted(service: string): Promise<void> {
    const exit = await podman(['wait', this.container(service)], 300_000);
    if (exit.stdout.trim() !== '0')
      throw new Error(
        `${service} ended with ${exit.stdout.trim() || exit.stderr}:\n${await this.logs(service)}`,
      );
  }

  /** The service's last `lines` lines of output (all of it with 0). */
  async logs(service: string, lines = 40): Promise<string> {
    const tail = lines > 0 ? ['--tail', String(lines)] : [];
    const { stdout, stderr } = await podman(['logs', ...tail, this.container(service)]);
    return `${stdout}${stderr}`;
  }
}
