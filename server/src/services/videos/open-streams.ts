// The streams of one kind (progress, chat) this process holds open, counted per account and per client address, so one
// person (or one address) cannot hold the server's connections and database looks.
import { addressGroup } from '../../domain/client-address.js';
import { TooManyRequests } from '../../domain/errors.js';

export interface StreamLimits {
  perAccount: number;
  perAddress: number;
}

/** How long a refused client is asked to wait: streams end on their own within minutes. */
const RETRY_AFTER_SECONDS = 30;

export class OpenStreams {
  private readonly byAccount = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();

  constructor(
    private readonly limits: StreamLimits,
    /** What the streams are, for the refusal's message. */
    private readonly kind = 'progress',
  ) {}

  /** Counts one more stream, or refuses it; the returned function gives its place back, once. */
  open(accountId: string, clientAddress: string): () => void {
    const address = addressGroup(clientAddress);
    if ((this.byAccount.get(accountId) ?? 0) >= this.limits.perAccount) {
      throw new TooManyRequests(
        `At most ${this.limits.perAccount} ${this.kind} streams may be open for one account`,
        RETRY_AFTER_SECONDS,
      );
    }
    if ((this.byAddress.get(address) ?? 0) >= this.limits.perAddress) {
      throw new TooManyRequests(
        `At most ${this.limits.perAddress} ${this.kind} streams may be open from one address`,
        RETRY_AFTER_SECONDS,
      );
    }
    add(this.byAccount, accountId, 1);
    add(this.byAddress, address, 1);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      add(this.byAccount, accountId, -1);
      add(this.byAddress, address, -1);
    };
  }
}

function add(counts: Map<string, number>, key: string, change: number): void {
  const count = (counts.get(key) ?? 0) + change;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}
