import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { CommentsModel, failureMessage, textProblem, MAX_COMMENT_CHARS } from '../src/comments-model.js';
import { OtClient } from '../src/ot-client.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

const comment = (id, userId, text = 'hm') => ({ id, userId, name: userId, text, ts: 1 });
const thread = (id, rev, index, length, extra = {}) => ({ id, rev, index, length, detached: false, resolved: false,
  comments: [comment(id + '-c1', 'bob')], ...extra });

/**
 * A page's comments over a real OT client: ops are committed to it as events (op(rev, ops)), the
 * list and the API answer what the test sets, requests are recorded.
 */
function page({ role = 'editor', me = 'alice', list = { rev: 0, threads: [] } } = {}) {
  const p = { calls: [], notices: [], changes: 0, list, listCalls: 0, ids: 0 };
  p.ot = new OtClient({ submit: () => new Promise(() => {}), apply: () => {}, changed: () => {}, failed: () => {},
    committed: (ev) => p.model.committed(ev) }, 'c'.repeat(16));
  p.ot.reset(0);
  p.answers = [];
  p.model = new CommentsModel({
    api: (method, path, body) => {
      p.calls.push({ method, path, body });
      const a = p.answers.shift();
      return a instanceof Error || (a && a.status) ? Promise.reject(a) : Promise.resolve(a);
    },
    list: () => { p.listCalls++; return typeof p.list === 'function' ? p.list() : Promise.resolve(structuredClone(p.list)); },
    rev: () => p.ot.rev,
    committedSince: (r) => p.ot.committedSince(r),
    pending: () => p.ot.pendingDeltas(),
    changed: () => { p.changes++; },
    tell: (m) => p.notices.push(m),
    newId: () => 'id-' + String(++p.ids).padStart(16, '0'),
    wait: () => Promise.resolve(),
  }, { docId: 'd1', me, role });
  p.op = (rev, ops) => p.ot.receive({ type: 'op', rev, ops, clientId: 'other', seq: rev });
  p.shown = (id) => p.model.visible().find((t) => t.id === id)?.at;
  return p;
}

test('the list places every thread at the page revision, moved through the ops since its rev', async () => {
  const p = page();
  p.op(1, [{ insert: 'hello world\n' }]);
  p.op(2, [{ insert: '>> ' }]);
  p.list = { rev: 1, threads: [thread('t1', 1, 6, 5)] }; // "world" at rev 1
  await p.model.reload();
  assert.deepEqual(p.shown('t1'), { index: 9, length: 5, detached: false });
  p.op(3, [{ retain: 9 }, { insert: 'big ' }]); // typed at its start edge: outside
  assert.deepEqual(p.shown('t1'), { index: 13, length: 5, detached: false });
});

test('a list or an event ahead of the page waits until the page reaches its revision', async () => {
  const p = page();
  p.op(1, [{ insert: 'abc\n' }]);
  p.list = { rev: 2, threads: [thread('t1', 2, 0, 2)] };
  await p.model.reload();
  assert.equal(p.model.threads.size, 0, 'rev 2 not reached yet');
  p.op(2, [{ insert: 'X' }]);
  assert.deepEqual(p.shown('t1'), { index: 0, length: 2, detached: false });
  p.model.event({ type: 'comment', rev: 3, change: 'created', userId: 'bob', threadId: 't2', thread: thread('t2', 3, 1, 1) });
  assert.equal(p.model.threads.has('t2'), false);
  p.op(3, [{ insert: 'Y' }]);
  assert.deepEqual(p.shown('t2'), { index: 1, length: 1, detached: false }, 'placed at rev 3 when it came');
  p.op(4, [{ insert: 'Z' }]);
  assert.deepEqual(p.shown('t2'), { index: 2, length: 1, detached: false });
});

test('events change the threads: created, replied, resolved, reopened, edited, deleted', async () => {
  const p = page();
  p.op(1, [{ insert: 'some text\n' }]);
  await p.model.reload();
  const ev = (change, t) => p.model.event({ type: 'comment', rev: 1, change, userId: 'bob', threadId: 't1', thread: t });
  ev('created', thread('t1', 1, 0, 4));
  ev('replied', thread('t1', 1, 0, 4, { comments: [comment('c1', 'bob'), comment('c2', 'alice', 'yes')] }));
  assert.deepEqual(p.model.threads.get('t1').comments.map((c) => c.text), ['hm', 'yes']);
  ev('resolved', thread('t1', 1, 0, 4, { resolved: true, resolvedBy: 'alice' }));
  assert.equal(p.model.visible().length, 0, 'resolved threads hidden');
  p.model.setShowResolved(true);
  assert.equal(p.model.visible()[0].resolved, true);
  ev('reopened', thread('t1', 1, 0, 4));
  ev('edited', thread('t1', 1, 0, 4, { comments: [comment('c1', 'bob', 'edited')] }));
  assert.equal(p.model.threads.get('t1').comments[0].text, 'edited');
  ev('deleted', undefined);
  assert.equal(p.model.threads.size, 0);
});

test('a thread whose text is all deleted stays, detached, at its last place; typing there does not revive it', async () => {
  const p = page();
  p.op(1, [{ insert: 'abc def ghi\n' }]);
  p.list = { rev: 1, threads: [thread('t1', 1, 4, 3)] };
  await p.model.reload();
  p.op(2, [{ retain: 3 }, { delete: 5 }]);
  assert.deepEqual(p.shown('t1'), { index: 3, length: 0, detached: true });
  p.op(3, [{ retain: 3 }, { insert: 'new' }]);
  assert.deepEqual(p.shown('t1'), { index: 6, length: 0, detached: true });
  assert.equal(p.model.threadAt(4), null, 'no text to click');
});

test('shown through the unsaved edits: a new thread is sent in the server\'s coordinates', async () => {
  const p = page();
  p.op(1, [{ insert: 'hello world\n' }]);
  await p.model.reload();
  p.ot.setOnline(true);
  p.ot.local(new Delta().insert('>> ')); // in flight, never answered here
  // the user selects "world" in the editor: 9..14 locally, 6..11 on the server
  p.answers.push(thread('t1', 1, 6, 5));
  assert.ok(await p.model.create({ index: 9, length: 5 }, 'why?'));
  assert.deepEqual(p.calls[0], { method: 'POST', path: '/api/docs/d1/comments',
    body: { rev: 1, index: 6, length: 5, text: 'why?', id: 'id-0000000000000001' } });
  assert.deepEqual(p.shown('t1'), { index: 9, length: 5, detached: false });
  assert.equal(p.model.threadAt(10).id, 't1');
  // only unsaved text selected: nothing sent, the user told
  assert.equal(await p.model.create({ index: 0, length: 3 }, 'x'), false);
  assert.equal(p.calls.length, 1);
  assert.match(p.notices[0], /not saved yet/);
});

test('an event older than the ops the page keeps asks the list again', async () => {
  const p = page();
  for (let r = 1; r <= 205; r++) p.op(r, [{ insert: 'x' }]);
  await p.model.reload();
  assert.equal(p.listCalls, 1);
  p.list = { rev: 205, threads: [thread('t1', 205, 0, 1)] };
  p.model.event({ type: 'comment', rev: 2, change: 'created', userId: 'bob', threadId: 't1', thread: thread('t1', 2, 0, 1) });
  await settle();
  await settle();
  assert.equal(p.listCalls, 2);
  assert.deepEqual(p.shown('t1'), { index: 0, length: 1, detached: false });
});

test('events heard while the list is on its way are applied after it, older ones dropped', async () => {
  const p = page();
  p.op(1, [{ insert: 'abc\n' }]);
  let answer;
  p.list = () => new Promise((resolve) => { answer = resolve; });
  const loading = p.model.reload();
  p.model.event({ type: 'comment', rev: 1, change: 'replied', userId: 'bob', threadId: 't1',
    thread: thread('t1', 1, 0, 1, { comments: [comment('c1', 'bob'), comment('c2', 'carol')] }) });
  p.model.event({ type: 'comment', rev: 0, change: 'created', userId: 'bob', threadId: 't9', thread: thread('t9', 0, 0, 1) });
  answer({ rev: 1, threads: [thread('t1', 1, 0, 1)] });
  await loading;
  assert.equal(p.model.threads.get('t1').comments.length, 2);
  assert.equal(p.model.threads.has('t9'), false, 'older than the list: already in it or gone');
});

test('a resync forgets the anchors until the list comes again', async () => {
  const p = page();
  p.op(1, [{ insert: 'abc\n' }]);
  p.list = { rev: 1, threads: [thread('t1', 1, 0, 1)] };
  await p.model.reload();
  p.ot.reset(7);
  p.list = { rev: 7, threads: [thread('t1', 7, 2, 1)] };
  const again = p.model.reloaded();
  assert.equal(p.shown('t1'), null, 'no place while unknown');
  await again;
  await settle();
  assert.deepEqual(p.shown('t1'), { index: 2, length: 1, detached: false });
});

test('who may do what, by role and authorship', () => {
  const t = thread('t1', 0, 0, 1, { comments: [comment('c1', 'alice'), comment('c2', 'bob')] });
  const as = (role, me) => page({ role, me }).model;
  const viewer = as('viewer', 'alice');
  assert.equal(viewer.canComment(), false);
  assert.equal(viewer.canResolve(t), false);
  assert.equal(viewer.canEdit(t.comments[0]), false);
  assert.equal(viewer.canDelete(t.comments[0]), false);
  const commenter = as('commenter', 'alice');
  assert.equal(commenter.canComment(), true);
  assert.equal(commenter.canResolve(t), true, 'a thread she opened');
  assert.equal(as('commenter', 'bob').canResolve(t), false, 'not his thread');
  assert.equal(commenter.canEdit(t.comments[0]), true);
  assert.equal(commenter.canEdit(t.comments[1]), false);
  assert.equal(commenter.canDelete(t.comments[1]), false);
  assert.equal(as('editor', 'carol').canResolve(t), true, 'editors resolve any');
  assert.equal(as('editor', 'carol').canDelete(t.comments[1]), false);
  assert.equal(as('owner', 'carol').canDelete(t.comments[1]), true, 'owners delete any');
  assert.equal(as('owner', 'carol').canEdit(t.comments[1]), false, 'but edit only their own');
});

test('actions go to the API; a deleted first comment deletes the thread; failures are told in words', async () => {
  const p = page({ role: 'owner' });
  p.op(1, [{ insert: 'abc\n' }]);
  const both = [comment('c1', 'bob'), comment('c2', 'bob')];
  p.list = { rev: 1, threads: [thread('t1', 1, 0, 2, { comments: both })] };
  await p.model.reload();
  p.answers.push(thread('t1', 1, 0, 2, { resolved: true, comments: both }));
  await p.model.setResolved('t1', true);
  p.answers.push(null);
  await p.model.remove('t1', 'c2');
  assert.deepEqual(p.model.threads.get('t1').comments.map((c) => c.id), ['c1']);
  p.answers.push(null);
  await p.model.remove('t1', 'c1');
  assert.equal(p.model.threads.size, 0);
  assert.deepEqual(p.calls.map((c) => c.method + ' ' + c.path), ['PATCH /api/docs/d1/comments/t1',
    'DELETE /api/docs/d1/comments/t1/c2', 'DELETE /api/docs/d1/comments/t1']);
  p.answers.push({ status: 429 });
  assert.equal(await p.model.reply('t1', 'more'), false);
  assert.match(p.notices.pop(), /Too many/);
  assert.equal(await p.model.reply('t1', '   '), false, 'blank: not sent');
  assert.equal(p.calls.length, 4);
  assert.match(failureMessage({ status: 413 }, 'edit'), /too long/);
  assert.match(failureMessage({ status: 422 }, 'create'), /Select the text again/);
  assert.equal(textProblem('x'.repeat(MAX_COMMENT_CHARS)), null);
  assert.match(textProblem('x'.repeat(MAX_COMMENT_CHARS + 1)), /too long/);
});

test('a create that got no answer is sent again with the same id; a refusal is not', async () => {
  const p = page();
  p.op(1, [{ insert: 'abc\n' }]);
  await p.model.reload();
  p.answers.push(new TypeError('network'), { status: 503 }, thread('t1', 1, 0, 2));
  assert.ok(await p.model.create({ index: 0, length: 2 }, 'hm'));
  assert.equal(p.calls.length, 3);
  assert.deepEqual(new Set(p.calls.map((c) => c.body.id)).size, 1);
  assert.ok(p.model.threads.has('t1'));
  p.answers.push({ status: 413 });
  assert.equal(await p.model.reply('t1', 'more'), false);
  assert.equal(p.calls.length, 4);
  assert.match(p.notices.pop(), /too long/);
});

test("an answer overtaken by a later event of its thread does not undo that event", async () => {
  const p = page();
  p.op(1, [{ insert: 'hello world\n' }]);
  p.list = { rev: 1, threads: [thread('t1', 1, 0, 5)] };
  await p.model.reload();
  // this page resolves; before its answer comes, the event of its change and another user's reopen arrive
  let answer;
  p.model.io.api = () => new Promise((resolve) => { answer = resolve; });
  const done = p.model.setResolved('t1', true);
  p.model.event({ type: 'comment', rev: 1, change: 'resolved', threadId: 't1', thread: thread('t1', 1, 0, 5, { resolved: true, resolvedBy: 'alice', resolvedTs: 2 }) });
  p.model.event({ type: 'comment', rev: 1, change: 'reopened', threadId: 't1', thread: thread('t1', 1, 0, 5) });
  answer(thread('t1', 1, 0, 5, { resolved: true, resolvedBy: 'alice', resolvedTs: 2 }));
  assert.equal(await done, true);
  assert.equal(p.model.threads.get('t1').resolved, false, 'the later reopen stands');
});

test('an answer with no event of its thread yet is shown at once', async () => {
  const p = page();
  p.op(1, [{ insert: 'hello world\n' }]);
  p.list = { rev: 1, threads: [thread('t1', 1, 0, 5)] };
  await p.model.reload();
  p.answers.push(thread('t1', 1, 0, 5, { resolved: true, resolvedBy: 'alice', resolvedTs: 2 }));
  assert.equal(await p.model.setResolved('t1', true), true);
  assert.equal(p.model.threads.get('t1').resolved, true);
});
