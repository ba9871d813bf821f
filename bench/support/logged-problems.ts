// The warnings and errors a VidStream process logged about jobs and videos (pino's JSON lines at level warn
// or above), in short: a benchmark prints them so that a retried job or a lost lease is explained, not only
// counted.
import { readFile } from 'node:fs/promises';

interface LogLine {
  level?: number;
  time?: number;
  msg?: string;
  err?: { message?: string };
  job?: string;
  jobId?: string;
  videoId?: string;
  part?: unknown;
}

const WARN = 40;

/** One line per problem; `describeJob` names a job by its id where the line has one. */
export async function loggedProblems(
  logFile: string,
  describeJob: (jobId: string) => string | undefined = () => undefined,
): Promise<string[]> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    const entry = JSON.parse(line) as LogLine;
    if ((entry.level ?? 0) < WARN || !(entry.job || entry.jobId || entry.videoId)) return [];
    const at = entry.time ? new Date(entry.time).toISOString().slice(11, 19) : '';
    const job = entry.jobId ? (describeJob(entry.jobId) ?? entry.jobId) : undefined;
    const context = [entry.job, job, entry.part ? JSON.stringify(entry.part) : undefined]
      .filter(Boolean)
      .join(' ');
    return [
      `${at} ${entry.msg ?? ''}${context ? ` (${context})` : ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`,
    ];
  });
}
