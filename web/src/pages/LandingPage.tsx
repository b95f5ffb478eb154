import { Link, useSearchParams } from 'react-router-dom';
import { REGISTER_URL, useAuth } from '../auth/AuthContext';
import { Logo } from '../ui/Layout';
import { useTitle } from '../lib/useTitle';

const FEATURES = [
  { title: 'Tempo, key and meter', text: 'BPM with beat grid, musical key in Camelot notation for harmonic mixing, time signature.' },
  { title: 'Loudness you can master to', text: 'Integrated LUFS, loudness range and true peak, measured to EBU R128.' },
  { title: 'Genre, mood, instruments', text: 'Confidences for each, plus tags and a short description of every track.' },
  { title: 'Live as it happens', text: 'Drop a folder of tracks and watch each upload and analysis progress in real time.' },
  { title: 'Find what fits', text: 'Search and filter by key, BPM range and energy; similar tracks for every track.' },
  { title: 'See your library', text: 'A map of your whole library by sound, coloured by genre or key.' },
];

export function LandingPage() {
  useTitle(undefined);
  const { state, signIn } = useAuth();
  const [params] = useSearchParams();
  const returnUrl = params.get('returnUrl') ?? '/dashboard';

  return (
    <div className="landing">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar glass">
        <span className="brand"><Logo /> <span>AudioPlatform</span></span>
        <div className="topbar-end">
          {state.status === 'signedIn' ? (
            <Link className="button primary small" to="/dashboard">Open your library</Link>
          ) : (
            <button type="button" className="button ghost small" onClick={() => signIn(returnUrl)}>Sign in</button>
          )}
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <section className="hero">
          <p className="eyebrow">For producers and audio engineers</p>
          <h1>
            Know every track <span className="gradient-text">before you press play</span>
          </h1>
          <p className="lead">
            Upload MP3, WAV, FLAC, AIFF or OGG files and get tempo, key, loudness, energy, genre and mood for each one,
            then search, compare and explore your whole library.
          </p>
          <div className="row hero-actions">
            {state.status === 'signedIn' ? (
              <Link className="button primary large" to="/dashboard">Go to your dashboard</Link>
            ) : (
              <>
                <a className="button primary large" href={REGISTER_URL}>Create account</a>
                <button type="button" className="button large" onClick={() => signIn(returnUrl)}>Sign in</button>
              </>
            )}
          </div>
          {state.status === 'unavailable' && (
            <p className="notice" role="alert">The platform cannot be reached right now ({state.message}). Try again in a moment.</p>
          )}
        </section>
        <section aria-labelledby="features-title" className="features">
          <h2 id="features-title" className="visually-hidden">What you get</h2>
          <ul className="grid cards">
            {FEATURES.map((f) => (
              <li key={f.title} className="panel glass feature">
                <h3>{f.title}</h3>
                <p className="muted">{f.text}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
