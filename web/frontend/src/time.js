// How long ago something happened, for people: "just now", "5 min ago", "3 h ago", "2 days ago",
// or the date for anything older than a week.
export function ago(at, now = Date.now()) {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  if (s < 86400) return Math.floor(s / 3600) + ' h ago';
  if (s < 7 * 86400) return Math.floor(s / 86400) + (s < 2 * 86400 ? ' day ago' : ' days ago');
  return 'on ' + new Date(at).toLocaleDateString();
}
