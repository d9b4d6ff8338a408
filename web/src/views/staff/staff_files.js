// Opening an uploaded material from the console. Staff reach a file only through an
// application they may see, so the request names it: GET /api/v1/uploads/{sha256}?application=…
// (without it the server answers 404). Also the streamed exports. Written here rather than in
// api/http.js: these need the bytes, and api() reads JSON only.
import { ApiError, session, setSession } from '../../api/http.js';

/** The URL of one upload of an application, as staff fetch it. */
export function staffUploadUrl(applicationId, sha256) {
  return `/api/v1/uploads/${encodeURIComponent(sha256)}?application=${encodeURIComponent(applicationId)}`;
}

/**
 * Fetches `url` with the staff token as bytes (a file, a streamed export). Resolves to {blob,
 * type}; rejects with an ApiError whose message is Chinese (the server's, else one by HTTP
 * status; status 0 when offline). A 401 drops the staff session, as every other console request
 * does.
 * @param {string} url
 * @returns {Promise<{ blob: Blob, type: string }>}
 */
export async function fetchStaffBlob(url) {
  const token = session.staff?.token;
  let res;
  try {
    res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (res.status === 401) setSession('staff', null);
    throw new ApiError(res.status, body);
  }
  const blob = await res.blob();
  const type = (res.headers.get('Content-Type') || blob.type || '').split(';')[0].trim().toLowerCase();
  return { blob, type };
}

/** Fetches one upload of an application with the staff token (fetchStaffBlob). */
export function fetchStaffUpload(applicationId, sha256) {
  return fetchStaffBlob(staffUploadUrl(applicationId, sha256));
}

/** How the console can show a file of this content type: 'image', 'pdf', or 'download' only. */
export function viewKind(type) {
  if (/^image\/(png|jpeg|gif|webp)$/.test(type)) return 'image';
  if (type === 'application/pdf') return 'pdf';
  return 'download';
}

/** The file type's short name for people ("PDF", "JPG", "OFD", …) from the material's `type`, else the MIME type. */
export function typeName(kind, mime = '') {
  if (kind) return String(kind).toUpperCase();
  const m = /\/([a-z0-9.+-]+)$/i.exec(mime);
  return m ? m[1].toUpperCase() : '文件';
}
