// /upload — pick a file, watch it go up (pause, resume, even after a reload), describe it while it does,
// publish, then follow its processing live.
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { discardUpload, usePublishUpload } from '../api/uploads.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { readVideoDetails, VideoDetailsFields } from '../components/VideoDetailsFields.js';
import { formatBytes } from '../format/format.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { ProcessingStatus } from '../processing/ProcessingStatus.js';
import { FilePicker } from '../upload/FilePicker.js';
import {
  forgetUpload,
  type InterruptedUpload,
  interruptedUpload,
  isSameFile,
} from '../upload/interruptedUpload.js';
import { UploadProgress } from '../upload/UploadProgress.js';
import { UploadQuota } from '../upload/UploadQuota.js';
import { useUpload } from '../upload/useUpload.js';

export function UploadPage() {
  usePageTitle('Upload');
  const upload = useUpload();
  const [interrupted, setInterrupted] = useState<InterruptedUpload | null>(interruptedUpload);
  const [pickError, setPickError] = useState<string | null>(null);
  const { status } = upload;

  const publish = usePublishUpload(() => upload.finish());

  function pick(file: File) {
    setPickError(null);
    if (!interrupted) {
      void upload.start(file);
      return;
    }
    if (!isSameFile(interrupted, file)) {
      setPickError(
        `That is not ${interrupted.fileName}: pick the same file to resume, or discard the old upload.`,
      );
      return;
    }
    setInterrupted(null);
    void upload.resume(file, interrupted.videoId);
  }

  function discard(old: InterruptedUpload) {
    forgetUpload();
    setInterrupted(null);
    void discardUpload(old.videoId);
  }

  function resumeAfterPause() {
    const file = upload.file();
    if (file && status.videoId) void upload.resume(file, status.videoId);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    publish.mutate({
      videoId: status.videoId ?? '',
      ...readVideoDetails(event.currentTarget),
      parts: upload.sentParts(),
    });
  }

  if (publish.data) {
    return (
      <section className="narrow-page">
        <h1>Published</h1>
        <p>
          <Link to={`/watch/${publish.data.id}`}>{publish.data.title}</Link>
        </p>
        <ProcessingStatus video={publish.data} live />
      </section>
    );
  }

  if (status.phase === 'idle') {
    return (
      <section className="narrow-page">
        <h1>Upload a video</h1>
        {interrupted && (
          <div className="card notice" role="status">
            <p>
              Your upload of <strong>{interrupted.fileName}</strong> ({formatBytes(interrupted.size)}) was
              interrupted. Pick the same file again to continue where it stopped.
            </p>
            <button type="button" onClick={() => discard(interrupted)}>
              Discard it
            </button>
          </div>
        )}
        <FilePicker
          prompt={interrupted ? `Pick ${interrupted.fileName} to resume` : 'Drag and drop a video file here'}
          onFile={pick}
        />
        {pickError && (
          <p className="error" role="alert">
            {pickError}
          </p>
        )}
        <UploadQuota />
      </section>
    );
  }

  const uploaded = status.phase === 'uploaded';
  return (
    <section className="upload-page">
      <h1>Upload a video</h1>
      <UploadProgress status={status} onPause={upload.pause} onResume={resumeAfterPause} />
      <form className="form card" onSubmit={submit}>
        <h2>Details</h2>
        <VideoDetailsFields
          initial={{ title: status.fileName.replace(/\.[^.]+$/, ''), description: '', visibility: 'public' }}
        />
        {publish.isError && <ErrorNotice error={publish.error} />}
        <button type="submit" className="button-primary" disabled={!uploaded || publish.isPending}>
          Publish
        </button>
        {!uploaded && <p className="hint">You can publish once the upload is complete.</p>}
      </form>
    </section>
  );
}
