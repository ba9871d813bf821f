// The red LIVE mark of a video that is live now.
export function LiveBadge() {
  return <span className="live-badge">LIVE</span>;
}
