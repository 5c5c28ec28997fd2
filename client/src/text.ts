/** Plain-text rendering of the server's Markdown-ish messages (input boxes, notifications and status details show no Markdown). */
export function plain(s: string): string {
  return s.replace(/`([^`]*)`/g, '"$1"');
}
