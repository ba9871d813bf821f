// Which cue settings a WebVTT cue keeps: position, line, align and size when written as the format
// allows; anything else (vertical, region, a malformed value) is dropped, the cue kept with the rest.

const PERCENT = '(?:\\d{1,2}(?:\\.\\d+)?|100(?:\\.0+)?)%';
const VALID: Record<string, RegExp> = {
  position: new RegExp(`^${PERCENT}(?:,(?:line-left|center|line-right))?$`),
  line: new RegExp(`^(?:${PERCENT}|-?\\d{1,3})(?:,(?:start|center|end))?$`),
  align: /^(?:start|center|end|left|right)$/,
  size: new RegExp(`^${PERCENT}$`),
};

export function keptCueSettings(settings: string): string {
  const kept = new Map<string, string>();
  for (const setting of settings.split(/[ \t]+/)) {
    const [name, value, ...extra] = setting.split(':');
    const rule = name !== undefined && Object.hasOwn(VALID, name) ? VALID[name] : undefined;
    if (rule && value !== undefined && extra.length === 0 && rule.test(value))
      kept.set(name as string, value);
  }
  return [...kept].map(([name, value]) => `${name}:${value}`).join(' ');
}
