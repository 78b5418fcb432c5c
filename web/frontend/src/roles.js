// Roles on a document, mirroring Java's Role (protocol): the one role check of the app. The server
// checks every action itself; the app only asks so as not to offer what would be refused.

/** From the least to the most a role allows (Role.java declares them the other way round). */
export const ROLES = Object.freeze(['viewer', 'commenter', 'editor', 'owner']);
export const VIEWER = 'viewer';
export const COMMENTER = 'commenter';
export const EDITOR = 'editor';
export const OWNER = 'owner';

/** Whether `role` allows at least what `needed` allows; a missing or unknown role allows nothing. */
export function atLeast(role, needed) {
  const have = ROLES.indexOf(role);
  return have >= 0 && have >= ROLES.indexOf(needed);
}
