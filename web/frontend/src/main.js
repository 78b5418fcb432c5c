// The Verso browser app: hash routes #/login and #/signup (auth-pages.js), #/ (documents: docs-list.js), #/trash (trash-page.js),
// #/doc/<id> (editor).
import 'quill/dist/quill.snow.css';
import 'quill-cursors/css';
import './style.css';
import { api, refresh } from './api.js';
import { el } from './dom.js';
import { registerSafeFormats } from './links.js';
import { mountEditor } from './editor.js';
import { Journal } from './journal.js';
import { NOT_FOUND } from './codes.js';
import { listPage } from './docs-list.js';
import { trashPage, unavailablePage } from './trash-page.js';
import { confirmDialog } from './dialogs.js';
import { signInPage, signUpPage, mountAccountMenu } from './auth-pages.js';
import { APP_TITLE } from './doc-title.js';
import * as shareLinks from './share-links.js';

registerSafeFormats();
try { shareLinks.useStore(window.localStorage); } catch (e) { /* storage off: links last for this page */ }

/** Where a signed-out visitor wanted to go (a document, a share link): back there after signing in. */
const AFTER_LOGIN = 'verso.afterLogin';
function afterLogin() {
  let hash = null;
  try {
    hash = sessionStorage.getItem(AFTER_LOGIN);
    sessionStorage.removeItem(AFTER_LOGIN);
  } catch (e) { /* storage off */ }
  return hash && /^#\/doc\/[A-Za-z0-9_-]{1,64}$/.test(hash) ? hash : '#/';
}

const root = document.getElementById('app');
let teardown = null;
let stopAccountMenu = () => {};
let me = null;

// Access tokens live ≤ 15 min: renew well before, so the API keeps working on a long-open page;
// a refresh by another tab in the last 5 minutes (its token lives 10 more) counts as this tab's.
setInterval(() => { if (me) refresh(Date.now() - 5 * 60 * 1000); }, 10 * 60 * 1000);

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function whoAmI() {
  try {
    me = await api('GET', '/api/me');
  } catch (e) {
    me = null;
  }
  return me;
}

/** Signs in or up through the API, then goes where the visitor was going. */
async function auth(path, body) {
  const r = await api('POST', path, body);
  me = r.user || (await whoAmI());
  go(afterLogin());
}

function signOut() {
  api('POST', '/api/auth/logout').catch(() => {}).finally(() => {
    if (me) Journal.forget(me.id);
    me = null;
    go('#/login');
  });
}

let shownHash = location.hash;

async function route() {
  if (teardown) {
    if (location.hash !== shownHash && teardown.unsaved()
        && !(await confirmDialog({ title: 'Leave with unsaved changes?', id: 'leave-dialog', confirmLabel: 'Leave',
          message: teardown.journaled
            ? 'Some of your changes are not saved yet. This browser keeps them and sends them the next time you open this document.'
            : 'Some of your changes are not saved yet and would be lost.' }))) {
      history.replaceState(null, '', shownHash); // stay in the editor; no hashchange fires
      return;
    }
    if (!teardown) return; // another navigation went on while the question was open
    teardown();
    teardown = null;
    stopAccountMenu();
    stopAccountMenu = () => {};
  }
  const link = shareLinks.parseLinkHash(location.hash);
  if (link) {
    // kept in this browser, out of the address bar: every call about the document carries it from now on
    shareLinks.remember(link.docId, link.token);
    history.replaceState(null, '', '#/doc/' + link.docId);
  }
  shownHash = location.hash;
  document.title = APP_TITLE; // the editor names the tab after its document
  const hash = location.hash || '#/';
  if (hash === '#/login' || hash === '#/signup') {
    (hash === '#/login' ? signInPage : signUpPage)(root, auth);
    return;
  }
  if (!me && !(await whoAmI())) {
    try { sessionStorage.setItem(AFTER_LOGIN, hash); } catch (e) { /* storage off: the list after sign-in */ }
    go('#/login');
    return;
  }
  const m = /^#\/doc\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  if (m) {
    const secure = location.protocol === 'https:';
    if (shareLinks.tokenFor(m[1])) document.cookie = shareLinks.imageCookie(m[1], shareLinks.tokenFor(m[1]), secure);
    try {
      teardown = await mountEditor(root, m[1], me, () => go('#/login'));
      stopAccountMenu = mountAccountMenu(root.querySelector('header.bar'), me, signOut);
    } catch (e) {
      const trashed = await unavailablePage(root, m[1], e, route);
      if (e.status === NOT_FOUND && !trashed) {
        Journal.forget(me.id, m[1]); // not there for this user any more
        shareLinks.forget(m[1]); // nor its link, if it came by one
        document.cookie = shareLinks.imageCookie(m[1], null, secure);
      }
    }
    return;
  }
  if (hash === '#/trash') {
    await trashPage(root);
    return;
  }
  await listPage(root, me, { go, signOut });
}

window.addEventListener('hashchange', route);
route();
