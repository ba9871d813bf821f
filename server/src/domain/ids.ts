// The shapes of the ids the API hands out: uuids (accounts, channels, comments), text ids (videos) and
// counted ids (audit log entries, bigint: 18 digits always fit).

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const TEXT_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const COUNTED_ID = /^[0-9]{1,18}$/;
