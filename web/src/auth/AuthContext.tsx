import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { API_BASE, ApiError, apiRequest, onUnauthorized } from '../api/client';
import type { CurrentUser } from '../api/types';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; user: CurrentUser }
  | { status: 'unavailable'; message: string };

interface Auth {
  state: AuthState;
  signIn(returnUrl?: string): void;
  signOut(): Promise<void>;
  refresh(): void;
}

const AuthContext = createContext<Auth | null>(null);

/** Sign-in is a full-page visit to the Gateway, which runs the OpenID Connect flow and sets the session cookie. */
export function signInUrl(returnUrl: string): string {
  const safe = returnUrl.startsWith('/') && !returnUrl.startsWith('//') ? returnUrl : '/';
  return `${API_BASE}/auth/login?returnUrl=${encodeURIComponent(safe)}`;
}

export const REGISTER_URL = '/account/register';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<CurrentUser>(`${API_BASE}/auth/me`, { signal: controller.signal })
      .then((user) => setState({ status: 'signedIn', user }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          setState({ status: 'signedOut' });
        } else {
          setState({ status: 'unavailable', message: error instanceof Error ? error.message : String(error) });
        }
      });
    return () => controller.abort();
  }, [version]);

  useEffect(() => onUnauthorized(() => setState((s) => (s.status === 'signedIn' ? { status: 'signedOut' } : s))), []);

  const signIn = useCallback((returnUrl?: string) => {
    const here = returnUrl ?? `${window.location.pathname}${window.location.search}`;
    window.location.assign(signInUrl(here));
  }, []);

  // The Gateway ends the session, then redirects through Identity's end-session endpoint (which the
  // fetch follows, ending the sign-in there too) back to /. Whatever happens, the page starts afresh.
  const signOut = useCallback(async () => {
    try {
      await apiRequest<void>(`${API_BASE}/auth/logout`, { method: 'POST', readBody: false });
    } catch (error) {
      console.warn('Sign-out did not complete cleanly', error);
    } finally {
      setState({ status: 'signedOut' });
      window.location.assign('/');
    }
  }, []);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  return <AuthContext.Provider value={{ state, signIn, signOut, refresh }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('AuthProvider is missing');
  return auth;
}
