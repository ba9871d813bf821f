// The background jobs as administrators see them: how many wait, run and failed per job name, and the
// failed ones, to retry.
export interface JobCounts {
  name: string;
  waiting: number;
  active: number;
  failed: number;
}

export interface FailedJob {
  id: string;
  name: string;
  /** The video the job was about, where it is about one. */
  videoId: string | null;
  error: string | null;
  failedAt: Date;
  /** Attempts made: the first and each retry. */
  attempts: number;
}
