// The page's local storage, or null where reading it is refused (it throws a SecurityError): an embed
// framed by another site, with third-party storage blocked. What the player remembers is then not kept.
export function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
