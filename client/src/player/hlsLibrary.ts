// hls.js is a chunk of its own (~190 kB compressed). The watch page asks for it as it opens, before the
// video's data arrives and the player mounts, so the chunk is usually in by the time the viewer clicks.
export const loadHls = () => import('hls.js');
