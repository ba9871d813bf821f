// A start time in a link, as people write it: `90`, `90s`, `1m30s`, `1h2m3s` or `1:30`, `1:02:03`.
const UNITS = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/;
const CLOCK = /^(?:(\d+):)?(\d+):(\d{1,2})$/;

/** Seconds from the start, or undefined for no time or one that cannot be read. */
export function parseStartTime(text: string | null): number | undefined {
  if (!text) return undefined;
  const [, hours = '0', minutes = '0', seconds = '0'] = UNITS.exec(text) ?? CLOCK.exec(text) ?? [];
  const total = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  return total > 0 ? total : undefined;
}
