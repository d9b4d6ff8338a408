// Lets the browser save a Blob as a file (the CSV and XLSX exports of the staff console).

/**
 * Saves `blob` as the file `name` through a hidden link's download.
 * @param {string} name
 * @param {Blob} blob
 */
export function saveBlob(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken the blob's bytes by the next task; a revoke in the same task can
  // cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
