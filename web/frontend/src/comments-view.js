// The comments panel's DOM beside the editor: the form of a new comment, the threads in the
// document's order (the commented text quoted, detached and resolved marked, the comments with
// their authors and times, reply, edit and delete forms, resolve and reopen, a delete asked inline)
// and the "show resolved" filter. It renders CommentsModel's state and passes clicks on; it decides
// nothing. Comment text is the users' plain text: it goes into the DOM as text, never as HTML.
// Cards are kept per thread and updated in place, so that a reply being typed survives the renders
// every op causes.
import { el } from './dom.js';
import { ago } from './time.js';
import { MAX_COMMENT_CHARS } from './comments-model.js';

const QUOTE_CHARS = 80;
const b = (cls, text, attrs = {}) => el('button', { type: 'button', class: cls, ...attrs }, text);
const textarea = (cls, label) => el('textarea', { class: cls, rows: '2', maxlength: String(MAX_COMMENT_CHARS), 'aria-label': label });

export class CommentsView {
  /**
   * @param model the CommentsModel shown
   * @param main  the element the panel goes into, beside the editor
   * @param io
   *   io.quote(range) → string     the editor's text of a range
   *   io.goTo(threadId)            show the thread's text in the editor (scroll, select)
   *   io.send(text) → Promise<bool> make the new comment (the draft), true when made
   *   io.cancel()                  drop the draft
   *   io.focused(threadId|null)    the focused thread changed (repaint)
   */
  constructor(model, main, io) {
    this.model = model;
    this.io = io;
    this.cards = new Map(); // thread id → card
    this.focusedId = null;
    this.newText = textarea('comment-text', 'New comment');
    this.newText.id = 'comment-new-text';
    this.newForm = el('form', { id: 'comment-new', hidden: '' }, this.newText,
      el('div', { class: 'comment-actions' }, el('button', { type: 'submit', id: 'comment-new-save' }, 'Comment'),
        b('', 'Cancel', { id: 'comment-new-cancel' })));
    this.newForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (await io.send(this.newText.value)) this.closeDraft();
    });
    this.newForm.querySelector('#comment-new-cancel').addEventListener('click', () => { this.closeDraft(); io.cancel(); });
    this.resolved = el('input', { type: 'checkbox', id: 'comments-resolved' });
    this.resolved.addEventListener('change', () => model.setShowResolved(this.resolved.checked));
    this.list = el('ol', { id: 'comment-threads', 'aria-label': 'Comment threads, in the document\'s order' });
    this.empty = el('p', { class: 'comments-empty' }, 'No comments.');
    this.panel = el('aside', { id: 'comments', 'aria-label': 'Comments' },
      el('div', { class: 'comments-head' }, el('h2', {}, 'Comments'), el('label', {}, this.resolved, ' Show resolved')),
      this.newForm, this.list, this.empty);
    main.append(this.panel);
  }

  /** Opens the new comment's form (the Comment button, Ctrl+Alt+M). */
  openDraft() {
    this.newForm.hidden = false;
    this.newText.focus();
  }

  closeDraft() {
    this.newForm.hidden = true;
    this.newText.value = '';
  }

  /** Focuses a thread (its highlight was clicked): marked, scrolled into view. */
  focus(id) {
    this.focusedId = id;
    this.io.focused(id);
    this.render();
    const card = this.cards.get(id);
    if (card) card.li.scrollIntoView({ block: 'nearest' });
  }

  render() {
    const m = this.model;
    this.panel.hidden = !m.canComment() && m.threads.size === 0;
    if (!m.canComment()) this.closeDraft();
    const shown = m.visible();
    const ids = new Set(shown.map((t) => t.id));
    for (const id of [...this.cards.keys()]) if (!ids.has(id)) this.cards.delete(id);
    const cards = shown.map((t) => this.card(t));
    const current = Array.from(this.list.children);
    if (current.length !== cards.length || current.some((li, i) => li !== cards[i].li)) {
      this.list.replaceChildren(...cards.map((c) => c.li)); // only when the order changed: a focused field keeps its focus
    }
    this.empty.hidden = cards.length > 0;
  }

  card(t) {
    let c = this.cards.get(t.id);
    if (!c) {
      c = this.buildCard(t.id);
      this.cards.set(t.id, c);
    }
    c.thread = t;
    const m = this.model;
    c.li.dataset.detached = String(!!(t.at && t.at.detached));
    c.li.dataset.resolved = String(t.resolved);
    c.li.setAttribute('aria-current', this.focusedId === t.id ? 'true' : 'false');
    const quote = t.at && !t.at.detached ? this.io.quote(t.at) : '';
    c.quote.textContent = quote.length > QUOTE_CHARS ? quote.slice(0, QUOTE_CHARS) + '…' : quote;
    c.badge.textContent = [t.at && t.at.detached ? 'Text deleted' : '', t.resolved ? 'Resolved' : ''].filter(Boolean).join(' · ');
    c.resolve.textContent = t.resolved ? 'Reopen' : 'Resolve';
    c.resolve.hidden = !m.canResolve(t);
    c.replyForm.hidden = !m.canComment() || t.resolved;
    const key = JSON.stringify([t.comments, m.role, c.editing, c.confirming]);
    if (key !== c.key) {
      c.key = key;
      c.comments.replaceChildren(...t.comments.map((x, i) => this.comment(c, x, i === 0)));
    }
    return c;
  }

  buildCard(id) {
    const c = { editing: null, confirming: null, key: null };
    c.quote = b('thread-quote', '', { 'aria-label': 'Show the commented text' });
    c.quote.addEventListener('click', () => { this.focus(id); this.io.goTo(id); });
    c.badge = el('span', { class: 'thread-badge' });
    c.comments = el('ol', { class: 'thread-comments' });
    c.replyText = textarea('comment-text', 'Reply');
    c.replyForm = el('form', { class: 'thread-reply' }, c.replyText, el('button', { type: 'submit', class: 'reply-save' }, 'Reply'));
    c.replyForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (await this.model.reply(id, c.replyText.value)) c.replyText.value = '';
    });
    c.resolve = b('thread-resolve', 'Resolve');
    c.resolve.addEventListener('click', () => this.model.setResolved(id, !c.thread.resolved));
    c.li = el('li', { class: 'thread', 'data-thread-id': id }, el('div', { class: 'thread-head' }, c.quote, c.badge),
      c.comments, c.replyForm, c.resolve);
    c.li.addEventListener('focusin', () => { if (this.focusedId !== id) { this.focusedId = id; this.io.focused(id); this.render(); } });
    return c;
  }

  /** One comment: author, time, text; its edit form or delete question when asked. */
  comment(c, x, first) {
    const m = this.model;
    const id = c.thread.id;
    const li = el('li', { class: 'comment', 'data-comment-id': x.id },
      el('span', { class: 'comment-author' }, x.name || 'Someone'), ' ',
      el('time', { class: 'comment-time', title: new Date(x.ts).toLocaleString() }, ago(x.ts) + (x.editedTs ? ' (edited)' : '')));
    if (c.editing === x.id) {
      const text = textarea('comment-text', 'Edit comment');
      text.value = x.text;
      const form = el('form', { class: 'comment-edit' }, text, el('div', { class: 'comment-actions' },
        el('button', { type: 'submit', class: 'edit-save' }, 'Save'), b('edit-cancel', 'Cancel')));
      form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        if (await m.edit(id, x.id, text.value)) { c.editing = null; this.render(); }
      });
      form.querySelector('.edit-cancel').addEventListener('click', () => { c.editing = null; this.render(); });
      li.append(form);
      queueMicrotask(() => text.focus());
      return li;
    }
    li.append(el('p', { class: 'comment-text' }, x.text)); // text, never HTML
    if (c.confirming === x.id) {
      const yes = b('delete-yes', 'Delete');
      const no = b('delete-no', 'Cancel');
      yes.addEventListener('click', async () => { c.confirming = null; await m.remove(id, x.id); this.render(); });
      no.addEventListener('click', () => { c.confirming = null; this.render(); });
      li.append(el('div', { class: 'comment-confirm', role: 'alertdialog', 'aria-label': 'Delete?' },
        el('span', {}, first ? 'Delete this thread and all its replies?' : 'Delete this comment?'), yes, no));
      queueMicrotask(() => no.focus());
      return li;
    }
    const actions = el('div', { class: 'comment-actions' });
    if (m.canEdit(x)) {
      const edit = b('comment-edit-btn', 'Edit');
      edit.addEventListener('click', () => { c.editing = x.id; this.render(); });
      actions.append(edit);
    }
    if (m.canDelete(x)) {
      const del = b('comment-delete-btn', 'Delete');
      del.addEventListener('click', () => { c.confirming = x.id; this.render(); });
      actions.append(del);
    }
    if (actions.children.length) li.append(actions);
    return li;
  }
}
