// Drop a video here or pick one: the whole area is the file input's label, so it works by keyboard too.
import { type DragEvent, useState } from 'react';
import { AppIcon } from '../components/AppIcon.js';

export function FilePicker({ prompt, onFile }: { prompt: string; onFile: (file: File) => void }) {
  const [dragging, setDragging] = useState(false);

  function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  }

  return (
    <label
      className={dragging ? 'file-picker dragging' : 'file-picker'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <AppIcon name="upload" className="file-picker-icon" />
      <span>{prompt}</span>
      <span className="button button-primary">Select file</span>
      <input
        type="file"
        accept="video/*"
        className="visually-hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
