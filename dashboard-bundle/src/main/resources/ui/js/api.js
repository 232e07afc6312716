// The public HTTP API (docs/api.md), and nothing else. Every call carries the bearer token;
// a refusal becomes an ApiError whose message is the problem+json detail the server wrote.
import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, detail, problem) {
    super(detail);
    this.status = status;
    this.problem = problem;
  }
}

const unauthorizedListeners = new Set();

/** Called when the server says the token is no longer good (401). */
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
}

/** A path segment from data (a bot id, a version): always encoded. */
export const seg = (value) => encodeURIComponent(String(value));

async function request(method, path, { json, body, contentType, token } = {}) {
  const headers = { Accept: 'application/json' };
  const bearer = token ?? session.token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let payload;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (body !== undefined) {
    headers['Content-Type'] = contentType;
    payload = body;
  }
  let response;
  try {
    response = await fetch(`/api${path}`, { method, headers, body: payload, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, `The server did not answer (${e.message}).`);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const detail = (data && data.detail) || `${response.status} ${response.statusText}`;
    const error = new ApiError(response.status, detail, data);
    if (response.status === 401 && !token) unauthorizedListeners.forEach((listener) => listener(error));
    throw error;
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, json) => request('POST', path, { json }),
  del: (path) => request('DELETE', path),
  /** Uploads a strategy bundle jar (admin). */
  uploadBundle: (file) => request('POST', '/v1/bundles', { body: file, contentType: 'application/java-archive' }),
  /** Checks the token and has the server set the stream cookie; answers {name, role}. */
  login: (token) => request('POST', '/v1/session', { token }),
  logout: () => request('DELETE', '/v1/session'),
};
