// Long text shown in a few lines first, with a button for the rest.
import { useState } from 'react';

export function ExpandableText({ text, lines = 3 }: { text: string; lines?: number }) {
  const [expanded, setExpanded] = useState(false);
  const long = text.length > 200 || text.split('\n').length > lines;
  return (
    <div className="expandable">
      <p
        className={expanded || !long ? 'preserve-lines' : 'preserve-lines clamped'}
        style={{ WebkitLineClamp: lines }}
      >
        {text}
      </p>
      {long && (
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Show less' : 'Show more'}
        </button>
      )}
    </div>
  );
}
