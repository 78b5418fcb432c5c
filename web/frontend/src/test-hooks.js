// window.__verso: hooks for the browser tests (the editor's Quill, its state, going offline, a forged
// submit, the comment threads shown). Only the test build has them (`node build.mjs <out>
// --test-hooks`, into test-classes, which come first on the tests' class path): in the production
// bundle __VERSO_TEST_HOOKS__ is false and esbuild drops the hooks as dead code, so no page script
// can reach the editor's internals.
/* global __VERSO_TEST_HOOKS__ */

/** Exposes the editor's hooks (test build only); returns the function that removes them. */
export const exposeTestHooks = __VERSO_TEST_HOOKS__ ? (e) => {
  const { quill, ot, conn, status, cursors, people, docAddress, warnIfUnsaved, comments } = e;
  window.__verso = {
    quill,
    /** The OT client id: what this page's submits go under (a gone page's, once its edits are taken over). */
    get clientId() { return ot.clientId; },
    /** This page's id in presence: never the OT client id. */
    presenceId: e.presenceId,
    rev: () => ot.rev,
    status: () => status.dataset.status,
    contents: () => quill.getContents().ops,
    text: () => quill.getText(),
    pending: () => ot.hasPending(),
    /** What the bridge socket runs on: "websocket" (the raw endpoint) or SockJS's transport; null offline. */
    transport: () => conn.transport(),
    goOffline: () => conn.goOffline(),
    goOnline: () => conn.goOnline(),
    /** Lets the page go without the unsaved-edits question, as a crash would. */
    dropUnloadGuard: () => window.removeEventListener('beforeunload', warnIfUnsaved),
    /** The threads shown, in order: the editor's text each one marks now, detached, resolved, its comments' texts. */
    commentThreads: () => comments.visible().map((t) => ({ id: t.id, text: t.at ? quill.getText(t.at.index, t.at.length) : null,
      detached: !!(t.at && t.at.detached), resolved: t.resolved, comments: t.comments.map((c) => c.text) })),
    cursors: () => cursors.cursors().map((c) => ({ id: c.id, name: c.name, color: c.color })),
    people: () => Array.from(people.children, (li) => li.title),
    /** A submit crafted by hand (not through the editor), as a malicious page script could send it. */
    forgeSubmit: (ops) => conn.request(docAddress, { action: 'submit', clientId: crypto.randomUUID().replace(/-/g, ''),
      seq: 1, baseRev: ot.rev, ops, userId: 'someone-else' })
      .then((r) => ({ ok: r }), (err) => ({ failureCode: err.failureCode, message: err.message })),
  };
  return () => { delete window.__verso; };
} : () => () => {};
