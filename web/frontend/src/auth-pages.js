// Sign-in (#/login) and sign-up (#/signup) as two separate, labelled forms, each linking to the other,
// and the account menu of the editor's header. `auth(path, body)` posts and signs the page in; a
// refusal shows the server's message (the vocabulary's words, e.g. "wrong username or password").
import { el } from './dom.js';
import { closeLikeAMenu } from './menus.js';

function field(id, label, attrs) {
  return el('div', { class: 'field' }, el('label', { for: id }, label), el('input', { id, name: id, ...attrs }));
}

function page(form, heading, fields, submit, other, error) {
  form.append(el('h1', {}, 'Verso'), el('h2', { id: form.id + '-heading' }, heading), ...fields,
    el('div', { class: 'row' }, submit), error, el('p', { class: 'other' }, other));
  form.setAttribute('aria-labelledby', form.id + '-heading');
  return form;
}

/** The sign-in form; `auth('/api/auth/login', body)` signs in. */
export function signInPage(root, auth) {
  const error = el('p', { id: 'auth-error', class: 'error', role: 'alert' });
  const form = page(el('form', { id: 'auth-form', class: 'card' }), 'Sign in', [
    field('username', 'Username', { autocomplete: 'username', required: '' }),
    field('password', 'Password', { type: 'password', autocomplete: 'current-password', required: '' }),
  ], el('button', { id: 'login-btn', type: 'submit' }, 'Sign in'),
  el('span', {}, 'New to Verso? ', el('a', { href: '#/signup', id: 'to-signup' }, 'Create an account')), error);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    auth('/api/auth/login', { username: form.username.value, password: form.password.value })
      .catch((err) => { error.textContent = err.message; });
  });
  root.replaceChildren(form);
}

/** The sign-up form; `auth('/api/auth/register', body)` creates the account and signs in. */
export function signUpPage(root, auth) {
  const error = el('p', { id: 'auth-error', class: 'error', role: 'alert' });
  const form = page(el('form', { id: 'signup-form', class: 'card' }), 'Create your account', [
    field('username', 'Username', { autocomplete: 'username', required: '' }),
    field('displayName', 'Your name (shown to others)', { autocomplete: 'name' }),
    field('password', 'Password', { type: 'password', autocomplete: 'new-password', required: '' }),
  ], el('button', { id: 'register-btn', type: 'submit' }, 'Create account'),
  el('span', {}, 'Have an account? ', el('a', { href: '#/login', id: 'to-login' }, 'Sign in')), error);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    const username = form.username.value;
    auth('/api/auth/register', { username, password: form.password.value, displayName: form.displayName.value || username })
      .catch((err) => { error.textContent = err.message; });
  });
  root.replaceChildren(form);
}

/** The account menu for `header` (the editor's): who is signed in, the documents, sign out. Returns stop(). */
export function mountAccountMenu(header, me, signOut) {
  if (!header || !me) return () => {};
  const out = el('button', { type: 'button', id: 'account-signout' }, 'Sign out');
  out.addEventListener('click', signOut);
  const menu = el('details', { id: 'account', class: 'account' },
    el('summary', { 'aria-label': 'Account: ' + (me.displayName || me.username) }, me.displayName || me.username),
    el('div', { class: 'menu' }, el('span', { class: 'who' }, '@' + me.username), el('a', { href: '#/' }, 'Documents'), out));
  header.append(menu);
  return closeLikeAMenu(menu, 'a, button');
}
