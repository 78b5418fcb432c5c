// Merging a presence `list` answer into what live events already showed. The list is a snapshot
// taken when the server answered; live events that arrived while it was on its way are newer.

/**
 * @param shown   client ids shown now
 * @param listed  the list answer's entries ({clientId, …})
 * @param heard   client ids with a live presence or leave event since the list was asked for
 * @returns {{leave: string[], show: object[]}} the clients to remove (shown, not listed: their
 *   leave was missed while disconnected) and the entries to show; a client heard from meanwhile is
 *   left as its live events put it, whatever the older list says
 */
export function mergePresenceList(shown, listed, heard) {
  const fresh = listed.filter((p) => p && typeof p.clientId === 'string' && !heard.has(p.clientId));
  const listedIds = new Set(listed.map((p) => p && p.clientId));
  const leave = [...shown].filter((id) => !listedIds.has(id) && !heard.has(id));
  return { leave, show: fresh };
}
