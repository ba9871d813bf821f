// Watch tickets as pure signatures: good only for the video, viewer and issue time they were signed for,
// by the key that signed them, within their lifetime.
import { expect, it } from 'vitest';
import { WATCH_TICKET_PATTERN, WatchTickets } from '../../../src/services/views/watch-tickets.js';

const tickets = new WatchTickets('a secret of at least thirty-two characters', 3600);
const viewer = 'AAAAAAAAAAAAAAAAAAAAAA';
const issuedAt = new Date('2026-12-07T08:00:00Z');
const later = (seconds: number) => new Date(issuedAt.getTime() + seconds * 1000);

it('names the viewer and issue time of a ticket it issued, within its lifetime', () => {
  const ticket = tickets.issue('video-one', viewer, issuedAt);
  expect(ticket).toMatch(new RegExp(WATCH_TICKET_PATTERN));
  expect(tickets.check(ticket, 'video-one', later(30))).toEqual({ viewerId: viewer, issuedAt });
  expect(tickets.check(ticket, 'video-one', later(3600))).toEqual({ viewerId: viewer, issuedAt });
});

it('refuses another video, another key, an altered part, an expired or future ticket, and malformed text', () => {
  const ticket = tickets.issue('video-one', viewer, issuedAt);
  const [, issued = '', signature = ''] = ticket.split('.');
  const otherKey = new WatchTickets('another secret of at least thirty-two characters', 3600);
  expect(tickets.check(ticket, 'video-two', later(30))).toBeUndefined();
  expect(otherKey.check(ticket, 'video-one', later(30))).toBeUndefined();
  expect(
    tickets.check(`BBBBBBBBBBBBBBBBBBBBBB.${issued}.${signature}`, 'video-one', later(30)),
  ).toBeUndefined();
  const earlier = (issuedAt.getTime() - 60_000).toString(36);
  expect(tickets.check(`${viewer}.${earlier}.${signature}`, 'video-one', later(30))).toBeUndefined();
  expect(tickets.check(ticket, 'video-one', later(3601))).toBeUndefined();
  expect(tickets.check(ticket, 'video-one', later(-1))).toBeUndefined();
  for (const malformed of [undefined, '', 'x', `${ticket}.`, ticket.slice(1)]) {
    expect(tickets.check(malformed, 'video-one', later(30))).toBeUndefined();
  }
});
