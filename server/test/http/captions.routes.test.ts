// Captions: a video's owner uploads WebVTT or SRT per language, replaces and removes it; the file is
// stored cleaned beside the ladder, the master playlist offers it, and bad files store nothing.
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { forceState, publishStandInVideo, standInFiles } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let stranger: Awaited<ReturnType<typeof register>>;

beforeAll(async () => {
  test = await startTestPlatform();
  owner = await register(test.app);
  stranger = await register(test.app);
});
afterAll(() => test.close());

const VTT = 'text/vtt';
const SRT = 'application/x-subrip';
const lines = (...text: string[]) => text.join('\n');
const GOOD_VTT = lines('WEBVTT', '', '00:00:01.000 --> 00:00:03.000 align:start', 'first <b>cue</b>', '');
const GOOD_SRT = lines(
  '1',
  '00:00:01,000 --> 00:00:03,000',
  'premier <font color="red">sous-titre</font>',
  '',
);

function putCaption(
  videoId: string,
  language: string,
  body: string | Buffer,
  contentType = VTT,
  token = owner.token,
) {
  return test.app.inject({
    method: 'PUT',
    url: `/api/v1/videos/${videoId}/captions/${language}`,
    payload: body,
    headers: { ...bearer(token), 'content-type': contentType },
  });
}

const deleteCaption = (videoId: string, language: string, token = owner.token) =>
  test.app.inject({
    method: 'DELETE',
    url: `/api/v1/videos/${videoId}/captions/${language}`,
    headers: bearer(token),
  });

async function stored(videoId: string, file: string): Promise<string | undefined> {
  const object = await test.platform.storage.getObject('processed', `videos/${videoId}/${file}`);
  return object && (await buffer(object.body)).toString('utf8');
}

async function videoAnswer(videoId: string) {
  const response = await test.app.inject({ url: `/api/v1/videos/${videoId}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { hlsUrl: string; captions: { language: string; label: string; url: string }[] };
}

/** A file through /media, as a player reaches it from the master playlist. */
async function viaMedia(videoId: string, file: string) {
  const { hlsUrl } = await videoAnswer(videoId);
  return test.app.inject({ url: new URL(file, hlsUrl).pathname });
}

const newVideo = () => publishStandInVideo(test.platform, owner, 'public');

describe('uploading captions', () => {
  it('stores WebVTT cleaned, with its playlist, offers it in the master playlist and lists it', async () => {
    const videoId = await newVideo();
    const response = await putCaption(videoId, 'en', GOOD_VTT);
    expect(response.statusCode, response.body).toBe(204);

    expect(await stored(videoId, 'captions/en.vtt')).toBe(
      lines(
        'WEBVTT',
        'X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000',
        '',
        '00:00:01.000 --> 00:00:03.000 align:start',
        'first <b>cue</b>',
        '',
      ),
    );
    const playlist = await viaMedia(videoId, 'captions/en.m3u8');
    expect(playlist.statusCode).toBe(200);
    expect(playlist.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(playlist.body).toContain('#EXT-X-TARGETDURATION:4\n');
    expect(playlist.body).toContain('#EXTINF:4.000,\nen.vtt\n#EXT-X-ENDLIST');

    const master = await viaMedia(videoId, 'master.m3u8');
    expect(master.body).toContain(
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=YES,URI="captions/en.m3u8"',
    );
    expect(master.body).toContain('#EXT-X-STREAM-INF:BANDWIDTH=500000,SUBTITLES="subs"\n');

    const { captions } = await videoAnswer(videoId);
    expect(captions).toEqual([{ language: 'en', label: 'English', url: expect.any(String) }]);
    const track = await test.app.inject({ url: new URL(captions[0]?.url as string).pathname });
    expect(track.statusCode).toBe(200);
    expect(track.headers['content-type']).toBe('text/vtt');
    expect(track.body).toContain('first <b>cue</b>');
  });

  it('converts SRT to WebVTT, dropping markup WebVTT does not have, and takes a charset parameter', async () => {
    const videoId = await newVideo();
    const response = await putCaption(videoId, 'fr', GOOD_SRT, `${SRT}; charset=utf-8`);
    expect(response.statusCode, response.body).toBe(204);
    expect(await stored(videoId, 'captions/fr.vtt')).toBe(
      lines(
        'WEBVTT',
        'X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000',
        '',
        '00:00:01.000 --> 00:00:03.000',
        'premier sous-titre',
        '',
      ),
    );
    expect((await videoAnswer(videoId)).captions).toEqual([
      { language: 'fr', label: 'Français', url: expect.stringMatching(/\/captions\/fr\.vtt$/) },
    ]);
  });

  it('replaces a language, keeps others, and names the group once on every variant', async () => {
    const videoId = await newVideo();
    expect((await putCaption(videoId, 'en', GOOD_VTT)).statusCode).toBe(204);
    expect((await putCaption(videoId, 'pt-br', GOOD_SRT, SRT)).statusCode).toBe(204);
    const replaced = lines('WEBVTT', '', '00:00:02.000 --> 00:00:03.500', 'replaced', '');
    expect((await putCaption(videoId, 'en', replaced)).statusCode).toBe(204);

    expect(await stored(videoId, 'captions/en.vtt')).toContain('00:00:02.000 --> 00:00:03.500\nreplaced\n');
    const master = (await stored(videoId, 'master.m3u8')) as string;
    expect(master.match(/TYPE=SUBTITLES/g)).toHaveLength(2);
    expect(master).toContain('NAME="Português (Brasil)",LANGUAGE="pt-BR"');
    expect(master.match(/SUBTITLES="subs"/g)).toHaveLength(1);
    expect((await videoAnswer(videoId)).captions.map((caption) => caption.language)).toEqual(['en', 'pt-BR']);
  });
});

describe('changes at once', () => {
  it('publish in turn: the master playlist names every caption stored', async () => {
    const videoId = await newVideo();
    const languages = ['de', 'en', 'es', 'fr', 'it', 'ja'];
    const answers = await Promise.all(languages.map((language) => putCaption(videoId, language, GOOD_VTT)));
    expect(answers.map((answer) => answer.statusCode)).toEqual(languages.map(() => 204));
    const master = (await stored(videoId, 'master.m3u8')) as string;
    const offered = [...master.matchAll(/TYPE=SUBTITLES,.*LANGUAGE="([^"]+)"/g)].map((match) => match[1]);
    expect(offered).toEqual(languages);
    expect((await videoAnswer(videoId)).captions.map((caption) => caption.language)).toEqual(languages);
  });
});

describe('removing captions', () => {
  it('takes the caption out of the master playlist and storage, and leaves the ladder untouched', async () => {
    const videoId = await newVideo();
    const ladder = standInFiles();
    expect((await putCaption(videoId, 'en', GOOD_VTT)).statusCode).toBe(204);
    expect((await putCaption(videoId, 'fr', GOOD_SRT, SRT)).statusCode).toBe(204);

    expect((await deleteCaption(videoId, 'en')).statusCode).toBe(204);
    const master = (await stored(videoId, 'master.m3u8')) as string;
    expect(master).not.toContain('LANGUAGE="en"');
    expect(master).toContain('LANGUAGE="fr"');
    expect(await stored(videoId, 'captions/en.vtt')).toBeUndefined();
    expect(await stored(videoId, 'captions/en.m3u8')).toBeUndefined();
    expect((await videoAnswer(videoId)).captions.map((caption) => caption.language)).toEqual(['fr']);

    expect((await deleteCaption(videoId, 'fr')).statusCode).toBe(204);
    expect(await stored(videoId, 'master.m3u8')).toBe((ladder['master.m3u8'] as Buffer).toString('utf8'));
    for (const file of ['360p/playlist.m3u8', 'storyboard.vtt']) {
      expect(await stored(videoId, file)).toBe((ladder[file] as Buffer).toString('utf8'));
    }
    const segment = await test.platform.storage.headObject(
      'processed',
      `videos/${videoId}/360p/segment-00000.m4s`,
    );
    expect(segment?.size).toBe(100_000);
    expect((await videoAnswer(videoId)).captions).toEqual([]);
  });

  it('answers 404 for a language the video has no caption in', async () => {
    const videoId = await newVideo();
    const response = await deleteCaption(videoId, 'de');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('caption_not_found');
  });
});

describe('refusing', () => {
  const big = `WEBVTT\n\n${'00:00:01.000 --> 00:00:02.000\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\n'.repeat(11_000)}`;
  it.each([
    ['an empty file', '', VTT, 400, 'invalid_caption', 'Line 1: the file is empty'],
    [
      'a file that is not WebVTT',
      '<html>hi</html>',
      VTT,
      400,
      'invalid_caption',
      'Line 1: a WebVTT file must begin with "WEBVTT"',
    ],
    [
      'a broken timestamp',
      lines('WEBVTT', '', '00:00:01.000 --> 00:00:0.3', 'x'),
      VTT,
      400,
      'invalid_caption',
      'Line 3: "00:00:0.3" is not a timestamp (hh:mm:ss.mmm)',
    ],
    [
      'an end before the start',
      lines('1', '00:00:03,000 --> 00:00:01,000', 'x'),
      SRT,
      400,
      'invalid_caption',
      'Line 2: the cue ends before it starts',
    ],
    [
      'a cue past the end of the video',
      lines('WEBVTT', '', '00:00:03.000 --> 00:00:05.000', 'x'),
      VTT,
      400,
      'invalid_caption',
      "Line 3: the cue ends at 5 s, after the video's end (4 s)",
    ],
    ['JSON', '{"text":"hi"}', 'application/json', 415, 'unsupported_media_type', undefined],
    ['plain text', GOOD_VTT, 'text/plain', 415, 'unsupported_media_type', undefined],
    ['a file over 1 MiB', big, VTT, 413, 'payload_too_large', undefined],
  ])('%s, storing nothing', async (_case, body, contentType, status, code, message) => {
    const videoId = await newVideo();
    const master = await stored(videoId, 'master.m3u8');
    const response = await putCaption(videoId, 'en', body, contentType);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    if (message) expect(response.json().error.message).toBe(message);
    expect(await stored(videoId, 'captions/en.vtt')).toBeUndefined();
    expect(await stored(videoId, 'master.m3u8')).toBe(master);
    expect((await videoAnswer(videoId)).captions).toEqual([]);
  });

  it('an unknown language with 400 unknown_language', async () => {
    const videoId = await newVideo();
    for (const language of ['xx', 'en-XX', 'english']) {
      const response = await putCaption(videoId, language, GOOD_VTT);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('unknown_language');
    }
    expect((await videoAnswer(videoId)).captions).toEqual([]);
  });

  it("another person's upload or removal, and nobody's", async () => {
    const videoId = await newVideo();
    expect((await putCaption(videoId, 'en', GOOD_VTT)).statusCode).toBe(204);
    const upload = await putCaption(videoId, 'de', GOOD_VTT, VTT, stranger.token);
    expect(upload.statusCode).toBe(403);
    expect((await deleteCaption(videoId, 'en', stranger.token)).statusCode).toBe(403);
    const anonymous = await test.app.inject({
      method: 'PUT',
      url: `/api/v1/videos/${videoId}/captions/de`,
      payload: GOOD_VTT,
      headers: { 'content-type': VTT },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await videoAnswer(videoId)).captions.map((caption) => caption.language)).toEqual(['en']);
    expect(await stored(videoId, 'captions/de.vtt')).toBeUndefined();
  });

  it('a video that is not ready yet with 409 video_not_ready, and an unknown one with 404', async () => {
    const videoId = await newVideo();
    await forceState(test.platform, videoId, 'processing');
    const response = await putCaption(videoId, 'en', GOOD_VTT);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('video_not_ready');
    expect(await stored(videoId, 'captions/en.vtt')).toBeUndefined();
    expect((await putCaption('AAAAAAAAAAA', 'en', GOOD_VTT)).statusCode).toBe(404);
  });
});
