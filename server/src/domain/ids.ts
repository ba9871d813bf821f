// The shapes of the ids the API hands out: uuids (accounts, channels, comments) and text ids (videos).

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const TEXT_ID = /^[A-Za-z0-9_-]{1,64}$/;
