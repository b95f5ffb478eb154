import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth/AuthContext';
import { LiveProvider } from './live/LiveContext';
import { UploadProvider } from './upload/UploadContext';
import type { UploadQueue } from './upload/uploadQueue';
import type { NotificationClient } from './live/notifications';
import { Layout } from './ui/Layout';
import { SkeletonPanel } from './ui/Skeleton';
import { LandingPage } from './pages/LandingPage';
import { DashboardPage } from './pages/DashboardPage';
import { UploadPage } from './pages/UploadPage';
import { LibraryPage } from './pages/LibraryPage';
import { DuplicatesPage } from './library/Duplicates';
import { NotFoundPage } from './pages/NotFoundPage';

const TrackPage = lazy(() => import('./pages/TrackPage'));
const GalleryPage = lazy(() => import('./pages/GalleryPage'));
const SetPage = lazy(() => import('./pages/SetPage'));
const PlaylistsPage = lazy(() => import('./pages/PlaylistsPage').then((m) => ({ default: m.PlaylistsPage })));
const PlaylistPage = lazy(() => import('./pages/PlaylistsPage').then((m) => ({ default: m.PlaylistPage })));

function RequireSignIn({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <SkeletonPanel label="Checking your session" />;
  if (state.status !== 'signedIn') {
    return <Navigate to={`/?returnUrl=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<LandingPage />} />
      <Route element={<RequireSignIn><Layout /></RequireSignIn>}>
        <Route path="/dashboard" element={<DashboardPage />} />
        <Route path="/upload" element={<UploadPage />} />
        <Route path="/library" element={<LibraryPage />} />
        <Route path="/library/duplicates" element={<DuplicatesPage />} />
        <Route path="/tracks/:id" element={<Suspense fallback={<SkeletonPanel />}><TrackPage /></Suspense>} />
        <Route path="/playlists" element={<Suspense fallback={<SkeletonPanel />}><PlaylistsPage /></Suspense>} />
        <Route path="/playlists/:id" element={<Suspense fallback={<SkeletonPanel />}><PlaylistPage /></Suspense>} />
        <Route path="/sets" element={<Suspense fallback={<SkeletonPanel />}><SetPage /></Suspense>} />
        <Route path="/gallery" element={<Suspense fallback={<SkeletonPanel />}><GalleryPage /></Suspense>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Everything that outlives a page: the live socket and the upload queue (tests hand in fakes). */
export function App({ liveClient, uploadQueue }: { liveClient?: NotificationClient; uploadQueue?: UploadQueue } = {}) {
  const { state } = useAuth();
  return (
    <LiveProvider enabled={state.status === 'signedIn'} client={liveClient}>
      <UploadProvider queue={uploadQueue}>
        <AppRoutes />
      </UploadProvider>
    </LiveProvider>
  );
}
