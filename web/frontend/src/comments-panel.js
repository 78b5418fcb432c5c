// Comments in the editor, wired: the Comment button in the toolbar and Ctrl+Alt+M, the panel
// (comments-view.js over comments-model.js) and the highlights (comment-highlights.js). The
// session hands over what moves the anchors (each committed op, comment events, a reload, a sync);
// the text a comment is being written about follows the editor's changes by the anchor rules.
// Commenters may comment though the editor is read-only for them; viewers only read.
import { el } from './dom.js';
import { api } from './api.js';
import { CommentsModel } from './comments-model.js';
import { CommentsView } from './comments-view.js';
import { CommentHighlights } from './comment-highlights.js';
import { moveAnchor } from './comment-anchors.js';
import { indexAt, rangeOf } from './quill-ranges.js';

function newId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * @param page    the EditorPage (main area, notices)
 * @param ot      the editor's OT client (revision, kept ops, unsaved edits)
 * @param request (body) → Promise  a request on the document's address (the `comments` action)
 * @returns {{model, setRole(role), committed(ev), event(ev), synced(), reloaded(), stop()}}
 */
export function mountComments(page, quill, ot, request, docId, me, role) {
  let draft = null; // {index, length, detached}: the text the comment being written is about, in the editor now
  let lastRange = null; // the editor's last selection (a click on the button may take the selection away)
  let frame = null;
  const model = new CommentsModel({
    api,
    list: () => request({ action: 'comments' }),
    rev: () => ot.rev,
    committedSince: (r) => ot.committedSince(r),
    pending: () => ot.pendingDeltas(),
    changed: () => schedule(),
    tell: (m) => page.tell(m),
    newId,
  }, { docId, me: me.id, role });
  const highlights = new CommentHighlights(quill);
  const paint = () => {
    frame = null;
    view.render();
    const shown = model.visible().filter((t) => t.at && !t.at.detached);
    const focused = shown.find((t) => t.id === view.focusedId);
    highlights.paint(shown.map((t) => t.at), focused ? focused.at : null, draft && !draft.detached ? draft : null);
  };
  const schedule = () => { if (frame === null) frame = requestAnimationFrame(paint); };
  const view = new CommentsView(model, page.main, {
    quote: (r) => quill.getText(r.index, r.length),
    goTo: (id) => goTo(id),
    send: async (text) => {
      if (!draft || draft.detached) { page.tell('The text to comment on was deleted.'); return false; }
      const made = await model.create(draft, text);
      if (made) { draft = null; schedule(); }
      return made;
    },
    cancel: () => { draft = null; schedule(); },
    focused: () => schedule(),
  });

  function startDraft() {
    if (!model.canComment()) return;
    const range = quill.getSelection() || lastRange;
    if (!range || range.length === 0) { page.tell('Select the text to comment on first.'); return; }
    draft = { index: range.index, length: range.length, detached: false };
    view.openDraft();
    schedule();
  }

  function goTo(id) {
    const a = model.book.shown(id);
    if (!a) return;
    const r = rangeOf(quill, { index: a.index, length: Math.max(a.length, 1) });
    const node = r && (r.startContainer.nodeType === Node.TEXT_NODE ? r.startContainer.parentElement : r.startContainer);
    if (node && node.scrollIntoView) node.scrollIntoView({ block: 'center' });
    if (!a.detached && quill.isEnabled()) quill.setSelection(a.index, a.length, 'api');
  }

  const button = el('button', { type: 'button', id: 'comment-btn', title: 'Comment (Ctrl+Alt+M)', 'aria-label': 'Comment' }, 'Comment');
  button.addEventListener('mousedown', (ev) => ev.preventDefault()); // keeps the editor's selection
  button.addEventListener('click', startDraft);
  const toolbar = quill.getModule('toolbar');
  if (toolbar && toolbar.container) toolbar.container.append(el('span', { class: 'ql-formats' }, button));
  else page.addTools(button);

  const onSelection = (range) => { if (range && range.length > 0) lastRange = range; };
  const onText = (delta) => {
    if (draft) draft = moveAnchor(draft, delta);
    if (lastRange) lastRange = moveAnchor({ ...lastRange, detached: false }, delta);
    schedule();
  };
  const onKey = (ev) => {
    if (ev.ctrlKey && ev.altKey && !ev.shiftKey && ev.code === 'KeyM') { ev.preventDefault(); startDraft(); }
  };
  const onClick = (ev) => {
    const i = indexAt(quill, ev.clientX, ev.clientY);
    const t = i < 0 ? null : model.threadAt(i) || (i > 0 ? model.threadAt(i - 1) : null);
    if (t) view.focus(t.id);
  };
  quill.on('selection-change', onSelection);
  quill.on('text-change', onText);
  document.addEventListener('keydown', onKey);
  quill.root.addEventListener('click', onClick);

  const setRole = (r) => {
    model.setRole(r);
    button.hidden = !model.canComment();
  };
  setRole(role);
  return {
    model,
    setRole,
    committed: (ev) => model.committed(ev),
    event: (ev) => model.event(ev),
    synced: () => model.reload(),
    reloaded: () => model.reloaded(),
    stop: () => {
      quill.off('selection-change', onSelection);
      quill.off('text-change', onText);
      document.removeEventListener('keydown', onKey);
      quill.root.removeEventListener('click', onClick);
      if (frame !== null) cancelAnimationFrame(frame);
      highlights.clear();
    },
  };
}
