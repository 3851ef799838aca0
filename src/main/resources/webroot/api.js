// REST calls with the bearer token, and the session (token kept in sessionStorage).
import { t } from './i18n.js';

const TOKEN_KEY = 'lamplight.token';
const ME_KEY = 'lamplight.me';

/** A failed call: the server's error code with its parameters, and its message in (English) words. */
class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details; // the whole error body: a field at fault, problems...
    this.params = details?.params ?? {};
  }
}

let unauthorized = () => {};

/** What to do when the server says the token is no longer valid (401 on any call but login). */
export function onUnauthorized(fn) {
  unauthorized = fn;
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function savedUser() {
  const me = sessionStorage.getItem(ME_KEY);
  return me ? JSON.parse(me) : null;
}

export async function login(username, password) {
  const r = await request('POST', '/api/login', { username, password });
  sessionStorage.setItem(TOKEN_KEY, r.token);
  const me = { username: r.username, role: r.role, stations: r.stations ?? [] };
  sessionStorage.setItem(ME_KEY, JSON.stringify(me));
  return me;
}

export function clearSession() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(ME_KEY);
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body = {}) => request('POST', path, body), // the API wants a JSON body on every POST
  put: (path, body = {}) => request('PUT', path, body),
  del: (path) => request('DELETE', path),
  upload: (path, bytes) => request('POST', path, bytes, 'application/octet-stream'),
  download,
};

/** Saves an export under the name the server gives it, with the session's token (a plain link could not send it). */
async function download(path, fallbackName) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token()}` } });
  if (!response.ok) throw new ApiError(response.status, 'http_error', t('error.http', { status: response.status }));
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

async function request(method, path, body, contentType = 'application/json') {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType;
  if (token()) headers.Authorization = `Bearer ${token()}`;
  let response;
  try {
    const sent = body === undefined || contentType !== 'application/json' ? body : JSON.stringify(body);
    response = await fetch(path, { method, headers, body: sent });
  } catch {
    throw new ApiError(0, 'network', t('error.network'));
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data?.error ?? 'http_error',
      data?.message ?? t('error.http', { status: response.status }), data);
    if (response.status === 401 && path !== '/api/login') unauthorized(error);
    throw error;
  }
  return data;
}
