// Which client a per-address limit counts: an IPv4 address on its own, an IPv6 address by its /64 (one
// subscriber or host is routinely given a whole /64, so counting single IPv6 addresses would hand one
// person 2^64 fresh allowances).
import { isIPv4, isIPv6 } from 'node:net';

/** The key per-address limits count under: `203.0.113.7`, or `2001:db8:1:2::/64`. */
export function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${firstHextets(address, 4).join(':')}::/64`;
}

/** The first `count` 16-bit groups of an IPv6 address, spelt without leading zeros. */
function firstHextets(address: string, count: number): string[] {
  const withoutZone = address.split('%')[0] ?? address;
  const [head = '', tail] = withoutZone.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  // A trailing dotted quad is two groups; it only ever sits in the last 64 bits, so it changes no prefix.
  const tailLength = tailGroups.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
  const zeros = tail === undefined ? [] : Array(8 - headGroups.length - tailLength).fill('0');
  return [...headGroups, ...zeros, ...tailGroups]
    .slice(0, count)
    .map((group) => (group.includes('.') ? '0' : Number.parseInt(group, 16).toString(16)));
}
