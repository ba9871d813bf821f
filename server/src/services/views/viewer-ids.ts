// Anonymous viewers are told apart by an id the server issued and signed: an id a client made up does
// not verify, so inventing ids cannot mint extra viewers.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 random bits, then a MAC over them; both base64url. */
const ISSUED = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export class ViewerIds {
  constructor(private readonly secret: string) {}

  /** A new viewer: its id, and the signed form the client keeps. */
  issue(): { id: string; signed: string } {
    const id = randomBytes(16).toString('base64url');
    return { id, signed: `${id}.${this.mac(id)}` };
  }

  /** The viewer a signed id names, or undefined for anything this server did not issue. */
  verify(signed: string | undefined): string | undefined {
    const match = signed === undefined ? null : ISSUED.exec(signed);
    if (!match) return undefined;
    const [, id = '', mac = ''] = match;
    const expected = Buffer.from(this.mac(id));
    return timingSafeEqual(Buffer.from(mac), expected) ? id : undefined;
  }

  private mac(id: string): string {
    return createHmac('sha256', this.secret).update(`viewer:${id}`).digest('base64url');
  }
}
