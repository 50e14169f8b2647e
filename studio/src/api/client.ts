import type {
  BlockCatalog,
  CompileResult,
  Decision,
  FlowDocument,
  ProductDetail,
  ProductSummary,
  PublishedVersionSummary,
  Review,
  ReviewDetail,
  SimulateRequest,
  User,
  UserRole,
  UserView,
  VersionDiff,
  LocalizedText,
  Diagnostic,
} from './types.ts';

/** An RFC 9457 problem the server answered with, surfaced with its code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly body: Record<string, any>,
  ) {
    super(`${code}: ${detail}`);
  }
}

export async function request<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error), {});
  }
  if (response.status === 204 || response.status === 304) return undefined as T;
  const text = await response.text();
  let parsed: any = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { detail: text };
  }
  if (!response.ok) {
    const problem = parsed ?? {};
    throw new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, problem.detail ?? problem.title ?? response.statusText, problem);
  }
  return parsed as T;
}

const enc = encodeURIComponent;

/** The studio's view of docs/http-api.md. */
export const api = {
  signIn: (username: string, password: string) => request<{ user: User }>('POST', '/api/studio/session', { username, password }),
  session: () => request<{ user: User }>('GET', '/api/studio/session'),
  signOut: () => request<void>('DELETE', '/api/studio/session'),
  changePassword: (currentPassword: string, newPassword: string) => request<void>('PUT', '/api/studio/session/password', { currentPassword, newPassword }),
  users: () => request<{ users: UserView[] }>('GET', '/api/studio/users'),
  createUser: (body: { username: string; displayName?: string; roles: UserRole[]; password: string }) => request<UserView>('POST', '/api/studio/users', body),
  updateUser: (username: string, patch: { displayName?: string; roles?: UserRole[]; disabled?: boolean }) => request<UserView>('PATCH', `/api/studio/users/${enc(username)}`, patch),
  resetPassword: (username: string, password: string) => request<void>('PUT', `/api/studio/users/${enc(username)}/password`, { password }),
  blockTypes: () => request<BlockCatalog>('GET', '/api/block-types'),

  products: () => request<{ products: ProductSummary[] }>('GET', '/api/studio/products'),
  product: (id: string) => request<ProductDetail>('GET', `/api/studio/products/${enc(id)}`),
  createProduct: (body: { from: 'empty' | 'template' | 'derived'; id: string; name: LocalizedText; template?: string; base?: { productId: string; version?: number } }) =>
    request<ProductDetail>('POST', '/api/studio/products', body),
  saveDraft: (id: string, document: FlowDocument, revision: number) =>
    request<{ revision: number; diagnostics: Diagnostic[] }>('PUT', `/api/studio/products/${enc(id)}/draft`, { document }, { 'If-Match': `"${revision}"` }),
  rename: (id: string, name: LocalizedText) => request<ProductSummary>('PATCH', `/api/studio/products/${enc(id)}`, { name }),
  /** A published product answers 202 with an archive review (withdrawn once approved); a draft-only one is archived at once. */
  archive: (id: string) => request<{ review?: Review }>('POST', `/api/studio/products/${enc(id)}/archive`, {}),
  compile: (document: FlowDocument, signal?: AbortSignal) => fetchCompile(document, signal),
  simulate: (id: string, body: SimulateRequest) => request<{ decision: Decision }>('POST', `/api/studio/products/${enc(id)}/simulate`, body),

  submit: (id: string, comment: string) => request<Review>('POST', `/api/studio/products/${enc(id)}/submit`, { comment }),
  reviews: (status?: string) => request<{ reviews: Review[] }>('GET', `/api/studio/reviews${status ? `?status=${enc(status)}` : ''}`),
  /** Every review of one product (open and decided), without documents. */
  productReviews: (productId: string) => request<{ reviews: Review[] }>('GET', `/api/studio/reviews?productId=${enc(productId)}`),
  review: (reviewId: string) => request<ReviewDetail>('GET', `/api/studio/reviews/${enc(reviewId)}`),
  approve: (reviewId: string, comment: string) =>
    request<{ review: Review; version?: PublishedVersionSummary; archived?: boolean }>('POST', `/api/studio/reviews/${enc(reviewId)}/approve`, { comment }),
  reject: (reviewId: string, comment: string) => request<{ review: Review }>('POST', `/api/studio/reviews/${enc(reviewId)}/reject`, { comment }),

  versions: (id: string) => request<{ versions: PublishedVersionSummary[] }>('GET', `/api/studio/products/${enc(id)}/versions`),
  version: (id: string, version: number) =>
    request<{ version: PublishedVersionSummary | number; definition: unknown; document: FlowDocument }>('GET', `/api/studio/products/${enc(id)}/versions/${version}`),
  diff: (id: string, from: number | string, to: number | string) => request<VersionDiff>('GET', `/api/studio/products/${enc(id)}/diff?from=${enc(String(from))}&to=${enc(String(to))}`),
  rollback: (id: string, version: number, comment: string) => request<Review>('POST', `/api/studio/products/${enc(id)}/rollback`, { version, comment }),
};

/** Compile is called on every edit: it takes an abort signal so a newer edit cancels the older request. */
async function fetchCompile(document: FlowDocument, signal?: AbortSignal): Promise<CompileResult> {
  const response = await fetch('/api/studio/compile', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ document }),
    credentials: 'same-origin',
    signal,
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.code ?? `HTTP_${response.status}`, body.detail ?? body.title ?? '', body);
  return body as CompileResult;
}
