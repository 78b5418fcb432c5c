// A file POSTed as the request body with upload progress (fetch has none), for image uploads and
// imports alike: the answer as {status, body} (body parsed JSON or null); a network failure rejects.

/** POSTs `file` to `path` as `contentType`, with `headers` besides the API's own; progress to onProgress(loaded, total). */
export function postFile(path, contentType, file, onProgress, headers = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('X-Requested-With', 'verso');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (e) {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}
