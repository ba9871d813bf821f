// Every process a benchmark started, and theirs, found from /proc (Linux): servers, ffmpeg and Chromium are
// killed on the way out, detached process groups included, which process.exit alone would leave running.
// Synchronous, so it can run in an 'exit' handler.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessEntry {
  pid: number;
  parent: number;
  group: number;
}

/** pid, parent and process group from /proc/<pid>/stat; undefined once it is gone. */
function entry(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields after its last ')' do not.
    const [, parent, group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, parent: Number(parent), group: Number(group) };
  } catch {
    return undefined;
  }
}

function descendantsOf(root: number): ProcessEntry[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => entry(Number(name)))
    .filter((found) => found !== undefined);
  const found: ProcessEntry[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const candidate of all) {
      if (parents.has(candidate.parent) && !parents.has(candidate.pid)) {
        parents.add(candidate.pid);
        found.push(candidate);
        grew = true;
      }
    }
  }
  return found;
}

function kill(target: number): void {
  try {
    process.kill(target, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** SIGKILLs this process's descendants and the process groups they lead (their ffmpeg children). */
export function killDescendants(): void {
  const own = entry(process.pid)?.group;
  for (const child of descendantsOf(process.pid)) {
    if (child.group !== own) kill(-child.group);
    kill(child.pid);
  }
}
