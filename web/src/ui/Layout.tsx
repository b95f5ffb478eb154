import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useConnectionState } from '../live/LiveContext';
import { useUploads } from '../upload/UploadContext';
import { isFinished } from '../upload/uploadQueue';
import { ErrorBoundary } from './ErrorBoundary';

const NAV = [
  { to: '/dashboard', label: 'Dashboard' },
  { to: '/upload', label: 'Upload' },
  { to: '/library', label: 'Library' },
  { to: '/playlists', label: 'Playlists' },
  { to: '/gallery', label: 'Gallery' },
];

const CONNECTION_LABEL = {
  idle: 'Live updates off',
  connecting: 'Connecting live updates',
  open: 'Live updates on',
  reconnecting: 'Reconnecting live updates',
  stopped: 'Live updates off',
} as const;

export function Logo() {
  return (
    <span className="logo" aria-hidden="true">
      <svg viewBox="0 0 32 32" width="28" height="28">
        <defs>
          <linearGradient id="logo-g" x1="0" x2="1">
            <stop offset="0" stopColor="var(--primary)" />
            <stop offset="1" stopColor="var(--purple)" />
          </linearGradient>
        </defs>
        <path d="M3 16h4l2-7 3 14 3-18 3 20 3-12 2 3h6" fill="none" stroke="url(#logo-g)" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </span>
  );
}

function UploadIndicator() {
  const uploads = useUploads();
  const pending = uploads.filter((u) => !isFinished(u)).length;
  if (pending === 0) return null;
  return (
    <NavLink to="/upload" className="chip chip-live" aria-label={`${pending} upload${pending === 1 ? '' : 's'} in progress`}>
      <span className="pulse" aria-hidden="true" /> {pending} uploading
    </NavLink>
  );
}

function ConnectionDot() {
  const state = useConnectionState();
  return <span className={`conn conn-${state}`} role="img" aria-label={CONNECTION_LABEL[state]} title={CONNECTION_LABEL[state]} />;
}

/** The signed-in shell: header, navigation, the page, and an error boundary reset on every route. */
export function Layout() {
  const { state, signOut } = useAuth();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // A route change is a new page for a screen reader: move focus to the content, as a page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo?.({ top: 0 });
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar glass">
        <NavLink to="/dashboard" className="brand">
          <Logo /> <span>AudioPlatform</span>
        </NavLink>
        <nav aria-label="Main" className="nav">
          {NAV.map((item) => (
            <NavLink key={item.to} to={item.to} className={({ isActive }) => `nav-link${isActive ? ' active' : ''}`}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="topbar-end">
          <UploadIndicator />
          <ConnectionDot />
          {state.status === 'signedIn' && (
            <>
              <span className="user muted" title={state.user.email}>{state.user.email}</span>
              <button type="button" className="button ghost small" onClick={() => void signOut()}>Sign out</button>
            </>
          )}
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1} ref={main}>
        <ErrorBoundary resetKey={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
    </div>
  );
}
