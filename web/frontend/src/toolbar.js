// The editor's toolbar beyond what Quill's snow theme gives: every control named, with a tooltip that
// says its keyboard shortcut (⌘ on a Mac, Ctrl elsewhere); inline code and code blocks told apart
// (snow draws both with one icon); and Quill's controls shown disabled — greyed, out of the tab
// order, not clickable — whenever the text is read-only (viewers, commenters, before it is open),
// so a toolbar that does nothing never looks as if it would. Tools added later (Comment) stay as they are.
/** A framed "<>": a block of code, where the bare "<>" (snow's, kept for inline code) is a span of it. */
const CODE_BLOCK_ICON = '<svg viewBox="0 0 18 18"><rect class="ql-stroke ql-thin" x="1.5" y="2.5" width="15" height="13" rx="1.5"/>'
  + '<polyline class="ql-even ql-stroke" points="7 7 5 9 7 11"/><polyline class="ql-even ql-stroke" points="11 7 13 9 11 11"/></svg>';

/** A curved arrow back (undo); redo is its mirror image. */
const UNDO_ICON = '<svg viewBox="0 0 18 18"><polyline class="ql-stroke" points="5 4 2 7 5 10"/>'
  + '<path class="ql-stroke" d="M2.5 7H11a4.5 4.5 0 0 1 0 9H7"/></svg>';
const REDO_ICON = '<svg viewBox="0 0 18 18"><polyline class="ql-stroke" points="13 4 16 7 13 10"/>'
  + '<path class="ql-stroke" d="M15.5 7H7a4.5 4.5 0 0 0 0 9h4"/></svg>';

/** Gives Quill the icons this toolbar draws differently (or Quill has none of); before any toolbar is built. */
export function registerToolbarIcons(Quill) {
  const icons = Quill.import('ui/icons');
  icons['code-block'] = CODE_BLOCK_ICON;
  icons.undo = UNDO_ICON;
  icons.redo = REDO_ICON;
}

/** What each control is called, and the key that does the same with Ctrl (⌘) where there is one. */
const CONTROLS = {
  undo: ['Undo', 'Z'],
  redo: ['Redo', 'Shift+Z'],
  header: ['Heading'],
  color: ['Text colour'],
  background: ['Highlight colour'],
  align: ['Alignment'],
  'list:check': ['Checklist'],
  'indent:-1': ['Decrease indent'],
  'indent:+1': ['Increase indent'],
  bold: ['Bold', 'B'],
  italic: ['Italic', 'I'],
  underline: ['Underline', 'U'],
  strike: ['Strikethrough'],
  'list:ordered': ['Numbered list'],
  'list:bullet': ['Bulleted list'],
  link: ['Link', 'K'],
  image: ['Image'],
  code: ['Inline code'],
  'code-block': ['Code block'],
  blockquote: ['Quote'],
  clean: ['Clear formatting'],
};

export function isMac(platform) {
  return /Mac|iPhone|iPad|iPod/.test(platform || '');
}

/**
 * The name (aria-label) and tooltip (title) of the control for `format` (with `value`, e.g. list
 * "bullet"); null for a control this toolbar does not know.
 */
export function controlLabel(format, value, mac) {
  const known = CONTROLS[value ? format + ':' + value : format] || CONTROLS[format];
  if (!known) return null;
  const [name, key] = known;
  return { label: name, title: key ? name + ' (' + (mac ? '⌘' : 'Ctrl+') + key + ')' : name };
}

/** The format a control of Quill's toolbar applies (its ql-<format> class) and its value. */
function formatOf(control) {
  const cls = Array.from(control.classList).find((c) => c.startsWith('ql-') && c !== 'ql-picker' && c !== 'ql-active');
  return cls ? [cls.slice(3), control.getAttribute('value')] : [null, null];
}

/** Names the link box's field: snow's tooltip gives it only a placeholder, which goes as one types. */
export function nameLinkBox(quill) {
  const box = quill.theme && quill.theme.tooltip && quill.theme.tooltip.textbox;
  if (box) box.setAttribute('aria-label', 'Link address');
}

export class Toolbar {
  /** container: Quill's .ql-toolbar, as Quill built it (before other tools add their buttons). */
  constructor(container, mac = isMac(globalThis.navigator && navigator.platform)) {
    this.container = container;
    this.groups = Array.from(container.querySelectorAll('.ql-formats'));
    this.controls = Array.from(container.querySelectorAll('button, .ql-picker-label'));
    for (const c of container.querySelectorAll('button, .ql-picker')) {
      const label = controlLabel(...formatOf(c), mac);
      if (!label) continue;
      const target = c.classList.contains('ql-picker') ? c.querySelector('.ql-picker-label') : c;
      target.setAttribute('aria-label', label.label);
      c.setAttribute('title', label.title);
    }
  }

  /** Whether Quill's controls can be used (the text is writable). */
  setEnabled(enabled) {
    for (const g of this.groups) g.classList.toggle('ql-formats-disabled', !enabled);
    for (const c of this.controls) {
      c.setAttribute('aria-disabled', String(!enabled));
      if (c.tagName === 'BUTTON') c.disabled = !enabled;
      else c.tabIndex = enabled ? 0 : -1;
    }
    if (!enabled) this.container.querySelectorAll('.ql-picker.ql-expanded').forEach((p) => p.classList.remove('ql-expanded'));
  }
}
