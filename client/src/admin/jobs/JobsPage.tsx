// /admin/jobs — how many background jobs of each name wait, run and failed, and the failed ones, each
// with the error it ended on and a button to try it again.
import { useFailedJobs, useJobCounts, useRetryJob } from '../../api/jobs.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { usePageTitle } from '../../layout/usePageTitle.js';

export function JobsPage() {
  usePageTitle('Jobs');
  return (
    <section className="settings">
      <h2>Jobs</h2>
      <QueueCounts />
      <FailedJobs />
    </section>
  );
}

function QueueCounts() {
  const counts = useJobCounts();
  if (counts.isError) return <ErrorNotice error={counts.error} />;
  return (
    <section className="card" aria-labelledby="queues">
      <h3 id="queues">Queues</h3>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Waiting</th>
            <th scope="col">Running</th>
            <th scope="col">Failed</th>
          </tr>
        </thead>
        <tbody>
          {counts.data?.queues.map((queue) => (
            <tr key={queue.name}>
              <th scope="row">{queue.name}</th>
              <td>{queue.waiting}</td>
              <td>{queue.active}</td>
              <td>{queue.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FailedJobs() {
  const failed = useFailedJobs();
  const retry = useRetryJob();
  const jobs = failed.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card" aria-labelledby="failed-jobs">
      <h3 id="failed-jobs">Failed jobs</h3>
      {failed.isError && <ErrorNotice error={failed.error} />}
      {retry.isError && <ErrorNotice error={retry.error} />}
      {failed.isSuccess && jobs.length === 0 && <p>No job has failed.</p>}
      <ul className="admin-list">
        {jobs.map((job) => (
          <li key={job.id}>
            <span>
              <strong>{job.name}</strong>
              {job.videoId && <> · video {job.videoId}</>} · {job.attempts} attempts · failed{' '}
              {new Date(job.failedAt).toLocaleString()}
              {job.error && <span className="hint">{job.error}</span>}
            </span>
            <button
              type="button"
              className="button"
              disabled={retry.isPending}
              onClick={() => retry.mutate(job.id)}
            >
              Retry
            </button>
          </li>
        ))}
      </ul>
      {failed.hasNextPage && (
        <button type="button" className="button" onClick={() => failed.fetchNextPage()}>
          Show more
        </button>
      )}
    </section>
  );
}
