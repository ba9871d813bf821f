// What other sites are told of a video: the oEmbed answer (with the iframe they paste) and the preview
// tags of its watch page (oEmbed discovery, Open Graph, Twitter's player card), read by crawlers without JS.
import type { SharedVideo } from '../services/videos/video-embed.service.js';
import type { Presenter } from './presenters.js';
import type { ShareLinks } from './share-links.js';

/** An embed is this wide unless the consumer asks for less; its height follows the video's shape. */
const DEFAULT_EMBED_WIDTH = 640;
/**
 * The thumbnail URL carries a playback token, which lives 6–7 hours: consumers should ask again within
 * the hour rather than keep an answer for days.
 */
const OEMBED_CACHE_SECONDS = 3600;

export interface EmbedBounds {
  maxwidth?: number;
  maxheight?: number;
}

export class SharePresenter {
  constructor(
    private readonly links: ShareLinks,
    private readonly present: Presenter,
  ) {}

  /** The oEmbed 1.0 answer of type "video" for a watch link (`startSeconds` carries its `?t=`). */
  oembed({ video, poster }: SharedVideo, bounds: EmbedBounds, startSeconds: number) {
    const { width, height } = embedSize(video, bounds);
    const posterUrl = this.present.posterUrl(video);
    return {
      version: '1.0' as const,
      type: 'video' as const,
      title: video.title,
      author_name: video.channel.displayName,
      author_url: this.links.channel(video.channel.handle),
      provider_name: 'VidStream',
      provider_url: this.links.home(),
      cache_age: OEMBED_CACHE_SECONDS,
      html: iframe(this.links.embed(video.id, startSeconds), video.title, width, height),
      width,
      height,
      ...(posterUrl && poster
        ? { thumbnail_url: posterUrl, thumbnail_width: poster.width, thumbnail_height: poster.height }
        : {}),
    };
  }

  /** Tags for the head of the video's watch page, every value escaped for HTML. */
  previewTags({ video, poster }: SharedVideo): string {
    const watch = this.links.watch(video.id);
    const embed = this.links.embed(video.id);
    const { width, height } = embedSize(video, {});
    const image = poster && this.present.posterUrl(video);
    return [
      `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(this.links.oembed(video.id))}" title="${escapeHtml(video.title)}">`,
      `<link rel="canonical" href="${escapeHtml(watch)}">`,
      ...meta('property', 'og:site_name', 'VidStream'),
      ...meta('property', 'og:type', 'video.other'),
      ...meta('property', 'og:title', video.title),
      ...meta('property', 'og:description', summary(video.description)),
      ...meta('property', 'og:url', watch),
      ...meta('property', 'og:image', image),
      ...meta('property', 'og:image:width', image && poster?.width),
      ...meta('property', 'og:image:height', image && poster?.height),
      ...meta('property', 'og:video:url', embed),
      ...meta('property', 'og:video:type', 'text/html'),
      ...meta('property', 'og:video:width', width),
      ...meta('property', 'og:video:height', height),
      ...meta('name', 'twitter:card', 'player'),
      ...meta('name', 'twitter:title', video.title),
      ...meta('name', 'twitter:player', embed),
      ...meta('name', 'twitter:player:width', width),
      ...meta('name', 'twitter:player:height', height),
      // Unlisted: whoever has the link may watch, but search engines should not list it.
      ...meta('name', 'robots', video.visibility === 'unlisted' ? 'noindex' : undefined),
    ].join('\n');
  }
}

/** One meta tag, or none for a value the video does not have. */
function meta(attribute: 'property' | 'name', key: string, value: string | number | null | undefined) {
  if (value === undefined || value === null || value === '') return [];
  return [`<meta ${attribute}="${key}" content="${escapeHtml(String(value))}">`];
}

/** The video's shape at the default width, shrunk to fit what the consumer allows. */
function embedSize(video: SharedVideo['video'], { maxwidth, maxheight }: EmbedBounds) {
  const aspect = video.width && video.height ? video.width / video.height : 16 / 9;
  let width = Math.min(DEFAULT_EMBED_WIDTH, maxwidth ?? Number.POSITIVE_INFINITY);
  let height = Math.round(width / aspect);
  if (maxheight !== undefined && height > maxheight) {
    height = maxheight;
    width = Math.round(height * aspect);
  }
  return { width: Math.max(1, width), height: Math.max(1, height) };
}

function iframe(src: string, title: string, width: number, height: number): string {
  return (
    `<iframe src="${escapeHtml(src)}" width="${width}" height="${height}" title="${escapeHtml(title)}" ` +
    'frameborder="0" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>'
  );
}

function summary(description: string): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}
