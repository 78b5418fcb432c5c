// The browser knows before any heartbeat that the machine lost its network: `offline` closes the
// bridge socket at once (the page says "Offline — changes will sync", edits keep being journaled),
// `online` reconnects at once instead of after the backoff. A network that only stalls, with no such
// event, is the heartbeat's (heartbeat.js). No DOM of its own: the window is injected.

/**
 * @param target   the window (addEventListener/removeEventListener, navigator.onLine)
 * @param conn     goOffline() and goOnline() of the connection
 * @returns the function that stops watching
 */
export function watchNetwork(target, conn) {
  const offline = () => conn.goOffline();
  const online = () => conn.goOnline();
  target.addEventListener('offline', offline);
  target.addEventListener('online', online);
  return () => {
    target.removeEventListener('offline', offline);
    target.removeEventListener('online', online);
  };
}
