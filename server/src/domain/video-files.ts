// Where a video's files live in storage: one prefix per video, so a re-run never touches a neighbour.
export const rawKey = (videoId: string) => `videos/${videoId}/source`;
export const processedPrefix = (videoId: string) => `videos/${videoId}/`;
