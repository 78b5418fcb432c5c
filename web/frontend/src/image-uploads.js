// Images into the document as links to Verso's own storage, never as bytes in an op: a file chosen
// with the toolbar's Image button, pasted or dropped is uploaded (POST /api/docs/{id}/images, the
// file as the body) and only once the server answered with its URL is an image embed with that URL
// inserted, where the user put it (moved through every edit made meanwhile, theirs or others').
// A refused or failed upload says why and inserts nothing. Only PNG, JPEG, GIF and WebP are sent;
// other files are named in a notice. Pasted web content keeps its images as it always did (an
// image's web link, or a small data: image inside the op limit). The logic needs no DOM
// (test/image-uploads.test.mjs); mountImageUploads wires it into Quill's uploader (button, paste, drop).
import Delta from 'quill-delta';
import { imagesPath } from './addresses.js';
import { UNAUTHENTICATED } from './codes.js';
import { apiHeaders } from './share-links.js';
import { postFile } from './xhr-upload.js';

/** What the server stores (ImagePutRequest.TYPES): the file picker offers these, and only these are sent. */
export const IMAGE_TYPES = Object.freeze(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
export const UNSUPPORTED_NOTICE = 'Only PNG, JPEG, GIF and WebP images can be added';

/** The notice of an upload in progress (whole tens of percent, so a screen reader is not flooded). */
export function progressText(loaded, total) {
  const pct = total > 0 ? Math.min(100, Math.floor((loaded / total) * 10) * 10) : 0;
  return 'Uploading image… ' + pct + '%';
}

/** What to say when an upload failed: the server's message when it gave one. */
export function failureText(error) {
  const why = error && error.message ? error.message : 'the connection failed';
  return 'The image could not be added: ' + why;
}

/** The image's text alternative until someone writes a better one: its file's name, without the extension. */
export function altText(name) {
  const base = String(name || '').replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return Array.from(base || 'Image').slice(0, 100).join('');
}

/**
 * A position in the document that follows the edits made while an upload runs: `follow(delta)` for
 * each change (local or remote), `index` where the image goes now.
 */
export class TrackedPosition {
  constructor(index) {
    this.index = index;
  }

  follow(delta) {
    this.index = new Delta(delta.ops).transformPosition(this.index, true);
  }
}

/**
 * Uploads and inserts with injected I/O:
 *   send(file, onProgress) → Promise<{status, body}> (body parsed JSON or null)
 *   refresh(since) → Promise<boolean> (a 401: new cookies, then one retry)
 *   insert(index, url, alt) → inserts the image embed with its text alternative (as the user's edit)
 *   tell(message, kind) → the page's notice ('info' for progress)
 *   writable() → whether the user may change the text now
 *   track(index) → a TrackedPosition kept up to date until release()
 */
export class ImageUploads {
  constructor(io) {
    this.io = io;
  }

  /** Quill's uploader contract: `range` where the files go, `files` a FileList or array. */
  async upload(range, files) {
    if (!this.io.writable()) return;
    const all = Array.from(files || []);
    const images = all.filter((f) => IMAGE_TYPES.includes(f.type));
    if (images.length < all.length) this.io.tell(UNSUPPORTED_NOTICE);
    if (images.length === 0) return;
    const at = this.io.track(range ? range.index : 0);
    try {
      for (const file of images) {
        const url = await this.one(file);
        if (url === null) return; // said so; nothing inserted, later files not sent
        if (!this.io.writable()) return;
        this.io.insert(at.index, url, altText(file.name));
        at.index += 1;
      }
      this.io.tell(images.length > 1 ? 'Images added' : 'Image added', 'info');
    } finally {
      at.release();
    }
  }

  /** One file's upload: its URL, or null after telling why not. */
  async one(file) {
    this.io.tell(progressText(0, 1), 'info');
    const progress = (loaded, total) => this.io.tell(progressText(loaded, total), 'info');
    try {
      const sentAt = Date.now();
      let res = await this.io.send(file, progress);
      if (res.status === UNAUTHENTICATED && (await this.io.refresh(sentAt))) res = await this.io.send(file, progress);
      if (res.status === 201 && res.body && typeof res.body.url === 'string') return res.body.url;
      this.io.tell(failureText(res.body && res.body.error));
    } catch (e) {
      this.io.tell(failureText(null));
    }
    return null;
  }
}

/** POSTs a file to the document's images; an editor who came by a share link uploads by it, as every other call. */
export function xhrSender(docId) {
  return (file, onProgress) => postFile(imagesPath(docId), file.type, file, onProgress, apiHeaders(imagesPath(docId)));
}

/** Quill's uploader options: the picker offers the four types (the handler is replaced by mountImageUploads). */
export const UPLOADER_OPTIONS = Object.freeze({ mimetypes: IMAGE_TYPES });

/**
 * Every way Quill takes files — the toolbar's Image button, a paste, a drop — goes through its
 * uploader's upload(range, files); it is replaced by ours, which says what it does not take.
 */
export function mountImageUploads(quill, docId, { tell, writable, refresh }) {
  const uploads = new ImageUploads({
    send: xhrSender(docId),
    refresh,
    tell,
    writable,
    insert: (index, url, alt) => {
      // an image without a text alternative says nothing to a screen reader (axe: image-alt)
      quill.updateContents(new Delta().retain(index).insert({ image: url }, { alt }), 'user');
      quill.setSelection(index + 1, 'silent');
    },
    track: (index) => {
      const at = new TrackedPosition(index);
      const follow = (delta) => at.follow(delta);
      quill.on('text-change', follow);
      at.release = () => quill.off('text-change', follow);
      return at;
    },
  });
  quill.uploader.upload = (range, files) => uploads.upload(range, files);
  return uploads;
}
