// Puts text on the clipboard; where the Clipboard API is missing or refused (pages over plain HTTP on a
// LAN address are not a secure context), the field showing the text is selected and copied instead.
export async function copyText(text: string, field: HTMLInputElement | HTMLTextAreaElement | null) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand('copy');
  }
}
