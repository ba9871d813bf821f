// Public media objects served from the processed area. Only prefixes meant for everyone are opened here.
import type { ObjectStorage } from '../adapters/storage/object-storage.js';
import { NotFound } from './errors.js';

const PUBLIC_PREFIXES = ['avatars/'];

export class MediaService {
  constructor(private readonly storage: ObjectStorage) {}

  async openPublic(key: string) {
    const object = PUBLIC_PREFIXES.some((prefix) => key.startsWith(prefix))
      ? await this.storage.getObject('processed', key)
      : undefined;
    if (!object) throw new NotFound('media_not_found', 'No such media');
    return object;
  }
}
